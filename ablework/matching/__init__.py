"""Jobs and matching: job postings with their task demands and workplace accessibility, the
matching engine of `../shared/domain/matching-contract.md`, referrals to placement and
recruitment events."""
