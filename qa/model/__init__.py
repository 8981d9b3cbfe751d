"""The trained model: featurizer, training, persistence, scoring and metrics."""
