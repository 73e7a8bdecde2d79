"""The matching engine: pure Python (no Django), so `ablework match`, the API and the database
path of batch recommendations all call the same code on the contract's JSON."""
