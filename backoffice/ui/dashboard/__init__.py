"""The team lead\x27s dashboard workspace: the team figures as charts, drill-downs, exports."""
