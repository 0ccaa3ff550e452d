"""Reading files into normalised text and metadata: the first stage of the pipeline."""
