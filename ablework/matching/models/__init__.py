"""The matching app's tables: postings, referrals, recruitment events and stored suggestions."""
