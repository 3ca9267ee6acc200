"""Analyses of the tables: engagement, coverage, trends, explore queries and wording."""
