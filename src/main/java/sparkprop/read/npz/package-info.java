/**
 * A NumPy {@code .npz} codec: reads the float64/float32 arrays that {@code np.savez} and
 * {@code np.savez_compressed} write ({@link sparkprop.read.npz.NpzReader}) and writes float64 arrays
 * that {@code numpy.load} reads ({@link sparkprop.read.npz.NpzWriter}). Arrays are held as
 * {@link sparkprop.read.npz.NpyArray}: doubles in C (row-major) order. No Java deserialization.
 */
package sparkprop.read.npz;
