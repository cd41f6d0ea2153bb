"""Turquesa: criminal intelligence and case coordination against trafficking in persons
and migrant smuggling in Latin America and the Caribbean."""

__version__ = "0.1.0"
