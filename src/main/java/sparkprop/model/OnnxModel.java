package sparkprop.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import sparkprop.nn.Architecture;
import sparkprop.nn.LossKind;
import sparkprop.nn.Parameters;
import sparkprop.nn.Tensor;

/**
 * The network as an ONNX model ({@code model.onnx}) that ONNX Runtime runs, float32, opset 13 (IR
 * version 7):
 *
 * <pre>
 *   input  "input"  float (N, n0): pixels / pixel-max, sparkprop's x
 *   z_k = Gemm(a_{k−1}, "{2(k−1)}.weight", "{2(k−1)}.bias", transB = 1)    a_{k−1}·Wᵀ + b, W (n_k, n_{k−1})
 *   a_k = Relu | Sigmoid | Tanh (z_k)                                         k &lt; K
 *   output "output" float (N, nK): Softmax(z_K, axis = 1) with cross-entropy (class probabilities), z_K with MSE
 * </pre>
 *
 * The initializers carry PyTorch's names and layout ({@link TorchStateDict}: W is wkᵀ, which is θ's
 * bytes in order), rounded to float32 once. The training's identity goes into {@code metadata_props}.
 *
 * <p>The file is written in protobuf's wire format with the field numbers of {@code onnx/onnx.proto}
 * ({@link ProtobufMessage}) rather than through a generated ONNX binding: that would bring a
 * protobuf-java of its own into the application jar, beside the one every Spark release ships on the
 * same class path. ONNX Runtime is the test of the bytes ({@code OnnxModelTest}).
 */
public final class OnnxModel {
  static final long IR_VERSION = 7;
  static final long OPSET = 13;

  // onnx.proto field numbers
  private static final int MODEL_IR_VERSION = 1;
  private static final int MODEL_PRODUCER_NAME = 2;
  private static final int MODEL_DOC_STRING = 6;
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  private static final int MODEL_METADATA_PROPS = 14;
  private static final int OPSET_VERSION = 2;
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_NAME = 2;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_NAME = 3;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_I = 3;
  private static final int ATTRIBUTE_TYPE = 20;
  private static final int ATTRIBUTE_TYPE_INT = 2;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int DATA_TYPE_FLOAT = 1;
  private static final int VALUE_NAME = 1;
  private static final int VALUE_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_TYPE_ELEM_TYPE = 1;
  private static final int TENSOR_TYPE_SHAPE = 2;
  private static final int SHAPE_DIM = 1;
  private static final int DIM_VALUE = 1;
  private static final int DIM_PARAM = 2;

  public static final String INPUT = "input";
  public static final String OUTPUT = "output";

  private OnnxModel() {}

  /** The model file's bytes; {@code metadata} becomes its {@code metadata_props}, in order. */
  public static byte[] bytes(Parameters p, Architecture a, Map<String, String> metadata) {
    ProtobufMessage model = new ProtobufMessage()
        .varint(MODEL_IR_VERSION, IR_VERSION)
        .string(MODEL_PRODUCER_NAME, "sparkprop")
        .string(MODEL_DOC_STRING, "An MLP " + p.layout() + " (" + a + ") trained by sparkprop; input: pixels / pixel-max")
        .message(MODEL_GRAPH, graph(p, a))
        .message(MODEL_OPSET_IMPORT, new ProtobufMessage().varint(OPSET_VERSION, OPSET));
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      model.message(MODEL_METADATA_PROPS, new ProtobufMessage().string(ENTRY_KEY, e.getKey()).string(ENTRY_VALUE, e.getValue()));
    }
    return model.toByteArray();
  }

  private static ProtobufMessage graph(Parameters p, Architecture a) {
    int layers = p.layout().layers();
    ProtobufMessage g = new ProtobufMessage().string(GRAPH_NAME, "sparkprop-mlp-" + p.layout());
    double[] theta = p.theta();
    String x = INPUT;
    for (int k = 1; k <= layers; k++) {
      Tensor w = p.layout().weight(k);
      Tensor b = p.layout().bias(k);
      g.message(GRAPH_INITIALIZER, initializer(TorchStateDict.weight(k), new long[] {w.cols, w.rows}, theta, w));
      g.message(GRAPH_INITIALIZER, initializer(TorchStateDict.bias(k), new long[] {b.rows}, theta, b));
      boolean last = k == layers;
      String z = last && a.loss == LossKind.MSE ? OUTPUT : "linear_" + k;
      g.message(GRAPH_NODE, node("Gemm", "gemm_" + k, new String[] {x, TorchStateDict.weight(k), TorchStateDict.bias(k)}, z)
          .message(NODE_ATTRIBUTE, intAttribute("transB", 1)));
      if (!last) {
        String op = switch (a.activation) {
          case RELU -> "Relu";
          case SIGMOID -> "Sigmoid";
          case TANH -> "Tanh";
        };
        x = a.activation.label() + "_" + k;
        g.message(GRAPH_NODE, node(op, op.toLowerCase(java.util.Locale.ROOT) + "_node_" + k, new String[] {z}, x));
      } else if (a.loss == LossKind.CROSS_ENTROPY) {
        g.message(GRAPH_NODE, node("Softmax", "softmax", new String[] {z}, OUTPUT).message(NODE_ATTRIBUTE, intAttribute("axis", 1)));
      }
    }
    g.message(GRAPH_INPUT, floatMatrix(INPUT, p.layout().inputs()));
    g.message(GRAPH_OUTPUT, floatMatrix(OUTPUT, p.layout().outputs()));
    return g;
  }

  private static ProtobufMessage node(String op, String name, String[] inputs, String output) {
    ProtobufMessage n = new ProtobufMessage();
    for (String in : inputs) n.string(NODE_INPUT, in);
    return n.string(NODE_OUTPUT, output).string(NODE_NAME, name).string(NODE_OP_TYPE, op);
  }

  private static ProtobufMessage intAttribute(String name, long value) {
    return new ProtobufMessage().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_I, value).varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
  }

  /** θ's slice for {@code t} as float32, little-endian, in θ's order: W (out, in) row-major for a weight. */
  private static ProtobufMessage initializer(String name, long[] dims, double[] theta, Tensor t) {
    ProtobufMessage m = new ProtobufMessage();
    for (long d : dims) m.varint(TENSOR_DIMS, d);
    ByteBuffer raw = ByteBuffer.allocate(4 * t.length()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < t.length(); i++) raw.putFloat((float) theta[t.offset + i]);
    return m.varint(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw.array());
  }

  /** A graph input or output: float, shape (N, n) with N symbolic. */
  private static ProtobufMessage floatMatrix(String name, int n) {
    ProtobufMessage shape = new ProtobufMessage()
        .message(SHAPE_DIM, new ProtobufMessage().string(DIM_PARAM, "N"))
        .message(SHAPE_DIM, new ProtobufMessage().varint(DIM_VALUE, n));
    ProtobufMessage tensor = new ProtobufMessage().varint(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT).message(TENSOR_TYPE_SHAPE, shape);
    return new ProtobufMessage().string(VALUE_NAME, name).message(VALUE_TYPE, new ProtobufMessage().message(TYPE_TENSOR, tensor));
  }
}
