"""``make eval``: extraction quality on our own gold and on public benchmarks."""
