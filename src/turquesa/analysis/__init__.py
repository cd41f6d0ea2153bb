"""Criminal analysis over resolved records: link graph, groups, key players, routes, trends."""
