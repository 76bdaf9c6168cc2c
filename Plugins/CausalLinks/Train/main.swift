// Trains the causal-links plugin's sentence model on the Causal News Corpus
// train split. (Being written; see Plugins/CausalLinks/README.)
print("hark-train-causal: not yet written")
