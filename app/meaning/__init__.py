"""The optional meaning model (hybrid search): model files, background embedding, nearest articles."""
