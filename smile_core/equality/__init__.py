"""Equality figures of a plan and the disclosure control that protects them."""
