"""The inbox workspace: the list of cases with its filters, search and paging."""
