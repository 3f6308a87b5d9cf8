"""dlpgate: an outbound-mail data-loss-prevention gateway for UK health organisations."""

__version__ = "0.1.0"
