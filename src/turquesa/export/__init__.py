"""Exports of loaded records: flat rows (CSV, JSON lines) and FollowTheMoney entities."""
