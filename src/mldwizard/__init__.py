"""mldwizard: write a machine-learning system design document, and keep it alive."""

__version__ = "0.1.0"
