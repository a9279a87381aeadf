"""Pages of the network under /reseau/: thin views over services, one module per area."""
