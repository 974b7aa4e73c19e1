package sparkprop.train;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.function.Function;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import scala.Tuple2;

/**
 * A Breeze {@link DiffFunction} backed by a Java function.
 *
 * <p>Java source cannot implement the trait, nor extend any Breeze class that does: Scala's
 * specialisation of {@code Function1[T, Double]} leaves two {@code apply(T)} methods that differ only
 * in their return type ({@code Object} from Function1, {@code double} from StochasticDiffFunction),
 * which javac and {@code java.lang.reflect.Proxy} refuse but the JVM accepts — scalac writes exactly
 * such a pair into every class it compiles from the trait. So this class writes that small class
 * once, with the ASM that Spark already ships (xbean-asm9-shaded): a field holding the Java function,
 * {@code calculate(x)} calling it, and the erased {@code apply(Object): Object} that scalac would
 * have bridged to the trait's {@code apply(x): double}. Everything else is the trait's own default
 * methods.
 */
final class ScalaDiffFunction {
  private static final String NAME = "sparkprop/train/JavaDiffFunction";
  private static final Class<?> GENERATED = define();

  private ScalaDiffFunction() {}

  @SuppressWarnings("unchecked")
  static DiffFunction<DenseVector<Object>> of(Function<DenseVector<Object>, Tuple2<Object, DenseVector<Object>>> calculate) {
    try {
      Object f = GENERATED.getConstructor(Function.class).newInstance(calculate);
      for (Class<?> trait : traits(GENERATED)) { // what scalac's constructor would call: each trait's $init$
        for (Method m : trait.getDeclaredMethods()) {
          if (m.getName().equals("$init$") && m.getParameterCount() == 1) m.invoke(null, f);
        }
      }
      return (DiffFunction<DenseVector<Object>>) f;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a Breeze DiffFunction", e);
    }
  }

  private static java.util.Set<Class<?>> traits(Class<?> c) {
    java.util.Set<Class<?>> out = new java.util.LinkedHashSet<>();
    java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(java.util.List.of(c.getInterfaces()));
    while (!todo.isEmpty()) {
      Class<?> i = todo.pop();
      if (out.add(i)) todo.addAll(java.util.List.of(i.getInterfaces()));
    }
    return out;
  }

  private static Class<?> define() {
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    w.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object",
        new String[] {"breeze/optimize/DiffFunction"});
    w.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "f", "Ljava/util/function/Function;", null, null).visitEnd();

    MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Ljava/util/function/Function;)V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 1);
    init.visitFieldInsn(Opcodes.PUTFIELD, NAME, "f", "Ljava/util/function/Function;");
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    // calculate(x) = (Tuple2) f.apply(x)
    MethodVisitor calc = w.visitMethod(Opcodes.ACC_PUBLIC, "calculate", "(Ljava/lang/Object;)Lscala/Tuple2;", null, null);
    calc.visitCode();
    calc.visitVarInsn(Opcodes.ALOAD, 0);
    calc.visitFieldInsn(Opcodes.GETFIELD, NAME, "f", "Ljava/util/function/Function;");
    calc.visitVarInsn(Opcodes.ALOAD, 1);
    calc.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/Function", "apply",
        "(Ljava/lang/Object;)Ljava/lang/Object;", true);
    calc.visitTypeInsn(Opcodes.CHECKCAST, "scala/Tuple2");
    calc.visitInsn(Opcodes.ARETURN);
    calc.visitMaxs(0, 0);
    calc.visitEnd();

    // Function1's erased apply(Object): Object = Double.valueOf(this.apply(x): double), scalac's bridge
    MethodVisitor apply = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC, "apply",
        "(Ljava/lang/Object;)Ljava/lang/Object;", null, null);
    apply.visitCode();
    apply.visitVarInsn(Opcodes.ALOAD, 0);
    apply.visitVarInsn(Opcodes.ALOAD, 1);
    apply.visitMethodInsn(Opcodes.INVOKEINTERFACE, "breeze/optimize/StochasticDiffFunction", "apply", "(Ljava/lang/Object;)D", true);
    apply.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
    apply.visitInsn(Opcodes.ARETURN);
    apply.visitMaxs(0, 0);
    apply.visitEnd();
    w.visitEnd();
    try {
      return MethodHandles.lookup().defineClass(w.toByteArray());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
