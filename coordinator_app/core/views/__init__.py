"""What people see of the records: lists, the records around one, the dashboard, needs' coverage, likely duplicates; every read applies the tombstone rule once."""
