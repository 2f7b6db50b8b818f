"""``make bench``: speed and memory of kg, as ratios against same-run baselines."""
