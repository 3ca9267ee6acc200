"""Text → classified lines → records with line numbers (no pandas)."""
