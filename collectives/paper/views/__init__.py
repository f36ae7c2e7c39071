"""The paper's pages, one module per noun: issues and articles, logging copies, reach."""
