/**
 * A safetensors codec (the format of Hugging Face's {@code safetensors} package, which PyTorch users
 * keep state dicts in): {@link sparkprop.read.safetensors.SafetensorsReader} reads F64, F32, F16 and
 * BF16 tensors, widened exactly to double, and {@link sparkprop.read.safetensors.SafetensorsWriter}
 * writes F64 tensors that {@code safetensors.torch.load_file} reads. Tensors are held as
 * {@link sparkprop.read.safetensors.SafeTensor}: doubles in C (row-major) order. The header is JSON
 * (Jackson), the data little-endian bytes (ByteBuffer). Which tensors form a network is not the codec's
 * business: {@code sparkprop.model} maps them to parameters.
 */
package sparkprop.read.safetensors;
