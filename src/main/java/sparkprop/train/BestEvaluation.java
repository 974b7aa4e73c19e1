package sparkprop.train;

/**
 * The best evaluation of a run under {@code --keep-best}: the step whose θ (before that step's update)
 * was evaluated, its accuracy and loss, and that θ as {@code weights.npz} bytes ({@code weights-best.npz}).
 */
public record BestEvaluation(long step, double evalAccuracy, double evalLoss, byte[] weightsNpz) {}
