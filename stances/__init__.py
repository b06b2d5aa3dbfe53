"""stances: who stands where in a policy debate, when they said it, and how we know."""

__version__ = "0.1.0"
