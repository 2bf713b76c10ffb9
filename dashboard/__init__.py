"""flowcite dashboard: explore, verify and brief from the ETL's processed tables."""
