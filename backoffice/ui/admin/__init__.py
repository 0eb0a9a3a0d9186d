"""The administrators' workspace: services and their versions, users, the portal, the audit."""
