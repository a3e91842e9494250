"""Sample data: the demo data set of the seed memorandum and synthetic records at scale (`coordinator generate`)."""
