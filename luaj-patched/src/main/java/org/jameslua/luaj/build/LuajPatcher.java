package org.jameslua.luaj.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step: copies LuaJ's jar into this module's classes, rewriting the few methods that make LuaJ's numbers
 * differ from Lua 5.2's, so every path that turns a number into text (tostring, concatenation, print, error
 * messages, host code calling {@code tojstring}) writes it as Lua 5.2 does:
 *
 * <ul>
 * <li>{@code LuaDouble.tojstring()} returns {@link org.jameslua.luaj.NumberText#format} (LuaJ wrote doubles
 * as Java floats: {@code 0.33333334}, {@code Infinity});</li>
 * <li>{@code LuaDouble.valueOf(double)} keeps -0 a double rather than making it the integer 0, and
 * {@code LuaDouble.hashCode()} gives -0 the integer 0's hash, so {@code t[-0]} is still {@code t[0]};</li>
 * <li>{@code LuaInteger.neg()} of 0 gives -0, and {@code LuaInteger.mul(int)} multiplies as doubles (the same
 * product, correctly rounded, and -0 for {@code 0 * -1}), as Lua 5.2's doubles do;</li>
 * <li>{@code LuaDouble.NAN}, what LuaJ's division and modulo give for 0/0, is the NaN x86 computes (sign bit
 * set), so {@code 0/0} prints {@code -nan} and {@code -(0/0)} {@code nan}, as Debian's lua5.2 does;
 * {@code LuaDouble.ddiv}, LuaJ's division, divides as IEEE does, so {@code 1/-0} is -inf (LuaJ gave +inf);
 * the compiler's {@code FuncState.numberK} keeps a constant -0 (the literal {@code -0.0}, or {@code -(0)} folded)
 * rather than making it the integer 0, as Lua 5.2's {@code luaK_numberK} does;</li>
 * <li>{@code LuaString.scannumber()} and {@code scannumber(int)}, behind every coercion of a string to a number
 * (arithmetic, {@code tonumber}, a library function's number argument), read Lua 5.2 numerals with
 * {@link org.jameslua.luaj.Numeral} (LuaJ threw ArrayIndexOutOfBoundsException on {@code "0x"} and read no
 * hexadecimal fractions, exponents or signs, nor white space other than blanks), and so does the lexer's
 * {@code LexState.str2d}, which now fails a malformed numeral ({@code 0x}, {@code 3..2}) as Lua 5.2's does
 * (LuaJ compiled {@code return 0x}); the lexer's {@code LexState.isspace} is C's isspace, as Lua 5.2's
 * {@code lisspace}: LuaJ skipped every byte up to 32 as a space, so {@code return \1 1} and a stray zero byte
 * compiled, and {@code \z} at the end of the text read past it; {@code LexState.read_long_string} reads a
 * {@code [[} inside a long string or comment as text, as Lua 5.2 (LuaJ refused it, as 5.1: "nesting of [[...]] is
 * deprecated"), and a syntax error quotes a string token up to its first zero byte, as 5.2's C string; a multiple
 * assignment's targets count against the 200 C levels, as in 5.2;</li>
 * <li>{@code LuaString.strcmp}, behind {@code <} on strings and {@code table.sort}, compares unsigned bytes, as
 * Lua 5.2 (strcoll in the C locale) does: LuaJ put {@code "\255"} before {@code "z"}; it and
 * {@code LuaString.raweq}, behind {@code ==} and table keys, look at the running call's time before going through
 * long strings ({@link org.jameslua.luaj.StringComparison});</li>
 * <li>{@code tojstring()} of tables, functions and coroutines is {@link org.jameslua.luaj.ObjectText}'s
 * {@code "function: 0x1b6d3586"}, one per object, as Lua's {@code %p} (LuaJ wrote a closure as its source
 * position, the same for all closures of one function).</li>
 * <li>{@code LuaClosure.processErrorHooks}, which gives an error its position when it first leaves a Lua
 * function, also gets the function's registers and words the message with
 * {@link org.luaj.vm2.lib.VariableNames}, as Lua 5.2 does: {@code attempt to index local 'x' (a nil value)}
 * where LuaJ wrote {@code attempt to index ? (a nil value)}; {@code LuaValue.checkmetatag}, behind calling,
 * negating or taking the length of a value that has no metamethod for it, words its error as Lua 5.2 does
 * ({@code attempt to call a nil value}; LuaJ wrote {@code attempt to call nil}); {@code DebugLib.kname} names a
 * field by a string key only ({@code field '?'} for {@code t[1]}, as Lua; LuaJ wrote {@code field '1'});
 * {@code DebugLib.findsetreg} is Lua 5.2.4's ({@link org.luaj.vm2.lib.RegisterWrites}): a value set in a branch of
 * {@code and}/{@code or} has no name ({@code attempt to call a string value}; LuaJ named the last branch's
 * constant).</li>
 * <li>{@code OP_TAILCALL} in {@code LuaClosure.execute} calls {@link org.jameslua.luaj.TailCalls#call}: a host
 * function in tail position runs from its caller's frame, as in Lua 5.2, so its errors have a position and a
 * name and a bound tripping in it a line;</li>
 * <li>{@code LuaValue.argerror} throws an {@link org.luaj.vm2.lib.ArgumentError}, every {@code Varargs.checkX(i)}
 * and {@code optX(i)} tells it the argument's number, and {@code processErrorHooks} also gets {@code execute}'s
 * {@code top} and {@code v}, so the error is worded for the call instruction it left, as Lua 5.2's
 * {@code luaL_argerror}: {@code bad argument #2 to 'sub' (number expected, got no value)} where LuaJ wrote
 * {@code bad argument: number expected, got nil}.</li>
 * <li>{@code LuaTable.set} and {@code LuaTable.next} raise their errors with {@link org.jameslua.luaj.TableErrors}:
 * {@code table index is nil} (or {@code NaN}) where LuaJ wrote {@code table index expected, got table}, and
 * {@code invalid key to 'next'} without the caller's position, as Lua 5.2 does; {@code rawset} refuses a nil or
 * NaN key with the same words (LuaJ refused nil as a bad argument and stored NaN).</li>
 * <li>{@code LuaValue.comparemt}, and the ordering methods of {@code LuaValue} with a number argument and of
 * {@code LuaString}, order values as Lua 5.2 does with {@link org.jameslua.luaj.Order}: {@code 1 < t} calls
 * {@code t}'s {@code __lt} (LuaJ called a metamethod only with the table on the left), and a failing comparison
 * reads {@code attempt to compare number with table} wherever it happens, {@code table.sort} included.</li>
 * <li>{@code LuaTable.rawlen}, {@code presize}, {@code rehash} call {@link org.luaj.vm2.TableLayout}, which lays a
 * table out and finds its border as Lua 5.2 does, so {@code #t} of a table with holes is 5.2's: LuaJ rounded array
 * parts up to powers of two and searched for a border from 0; {@code LuaTable.hashmod} divides by {@code mask | 1}
 * (the same for every size LuaJ made) so that a hash part of one node, as 5.2 makes, works; {@code LuaTable.hashSlot}
 * places a function key by {@code hashmod}, as a weak table's slot places it when the table grows (LuaJ placed it
 * by {@code hashpow2}, so a weak-keyed table lost its function keys when it grew); {@code OP_NEWTABLE}
 * decodes its sizes (5.2's {@code luaO_fb2int}), which LuaJ took as they were encoded.</li>
 * <li>A weak table's slot keeps its key when its value is collected or cleared ({@link org.luaj.vm2.WeakSlots}, and
 * {@code WeakSlot.remove} leaves a dead slot with the key, as a strong table's slots do), so a weak table may be
 * traversed while its values are collected or its fields cleared.</li>
 * <li>{@code NumberValueEntry.set} keeps a numeric string stored over a number as the string
 * ({@link org.jameslua.luaj.NumberSlots}): {@code t.x = 5; t.x = "0025"} left the number 25.</li>
 * <li>{@code LuaString}'s arithmetic with a value on the right ({@code add}, {@code sub}, {@code mul}, {@code div},
 * {@code mod}, {@code pow}) asks {@link org.jameslua.luaj.StringArithmetic} whether to call a metamethod, so
 * {@code "10" + t} gives {@code t}'s {@code __add} the string, as 5.2 does (LuaJ gave it the number 10).</li>
 * <li>{@code ^} (JseMathLib's {@code dpow_lib}, and MathLib's {@code dpow} and {@code dpow_d}, behind constant
 * folding too) and {@code math.pow} compute as C's {@code pow} ({@link org.jameslua.luaj.Power}): {@code 1 ^ (0/0)}
 * and {@code (-1) ^ math.huge} are 1, as in Lua 5.2 (Java's {@code Math.pow} gives NaN).</li>
 * <li>{@code __unm} and {@code __len} get their operand twice, as Lua 5.2 calls them, and a {@code __call} that is
 * not a function makes the value not callable ({@code attempt to call a table value}), as in 5.2.</li>
 * <li>{@code LuaThread.State.lua_resume} waits until the coroutine has yielded or ended
 * ({@link org.jameslua.luaj.CoroutineHandOver}): an interrupt of the resuming thread ended its call while the
 * coroutine ran on.</li>
 * </ul>
 *
 * LuaJ 3.0.1's classes are of class-file version 49, without stack map frames, so the new bodies declare none.
 * Usage: {@code LuajPatcher OUTPUT_DIRECTORY}; LuaJ's jar is found on the class path.
 */
public final class LuajPatcher {
    private static final String LUA_DOUBLE = "org/luaj/vm2/LuaDouble";
    private static final String LUA_INTEGER = "org/luaj/vm2/LuaInteger";
    private static final String LUA_NUMBER_DESCRIPTOR = "Lorg/luaj/vm2/LuaNumber;";
    private static final String LUA_STRING = "org/luaj/vm2/LuaString";
    private static final String FUNC_STATE = "org/luaj/vm2/compiler/FuncState";
    private static final String LEX_STATE = "org/luaj/vm2/compiler/LexState";
    private static final String COMPILE_STATE = "Lorg/luaj/vm2/compiler/LuaC$CompileState;";
    private static final String LUA_VALUE = "org/luaj/vm2/LuaValue";
    private static final String LUA_CLOSURE = "org/luaj/vm2/LuaClosure";
    private static final String LUA_ERROR = "org/luaj/vm2/LuaError";
    private static final String PROCESS_ERROR_HOOKS = "(L" + LUA_ERROR + ";Lorg/luaj/vm2/Prototype;I)V";
    private static final String PROCESS_ERROR_HOOKS_WITH_REGISTERS =
            "(L" + LUA_ERROR + ";Lorg/luaj/vm2/Prototype;I[Lorg/luaj/vm2/LuaValue;ILorg/luaj/vm2/Varargs;)V";
    private static final String VARARGS = "org/luaj/vm2/Varargs";
    private static final String TAILCALL_VARARGS = "org/luaj/vm2/TailcallVarargs";
    private static final String ARGUMENT_ERROR = "org/luaj/vm2/lib/ArgumentError";
    /** The classes whose tojstring() writes a table, function or coroutine (LuaValue's serves tables and threads). */
    private static final java.util.Set<String> OBJECT_TEXT_CLASSES = java.util.Set.of(
            "org/luaj/vm2/LuaValue.class",
            "org/luaj/vm2/LuaFunction.class",
            "org/luaj/vm2/LuaClosure.class",
            "org/luaj/vm2/lib/LibFunction.class");
    /** LexState.TK_NUMBER, the token a malformed numeral is reported as. */
    private static final int NUMBER_TOKEN = 287;

    private static final String NUMBER_TEXT = "org/jameslua/luaj/NumberText";
    private static final String NUMERAL = "org/jameslua/luaj/Numeral";
    private static final String RUNNING_INSTANCE = "org/jameslua/luaj/RunningInstance";
    private static final long NEGATIVE_ZERO_BITS = 0x8000000000000000L;
    private static final long X86_DEFAULT_NAN_BITS = 0xfff8000000000000L;

    /**
     * {@code NumberValueEntry.set} keeps only a number as a number ({@link org.jameslua.luaj.NumberSlots}) where LuaJ
     * called {@code tonumber}, which turned a numeric string stored over a number into a number.
     */
    private static final Redirect NUMBER_SLOT =
            new Redirect(LUA_VALUE, "tonumber", "()L" + LUA_VALUE + ";", "org/jameslua/luaj/NumberSlots", "number");
    /**
     * {@code JseMathLib.dpow_lib} (every {@code ^}) and {@code math.pow} call {@link org.jameslua.luaj.Power}, C's
     * {@code pow}, in place of Java's {@code Math.pow}, which makes {@code 1 ^ (0/0)} and {@code (-1) ^ math.huge}
     * NaN where Lua 5.2 gives 1.
     */
    private static final Redirect POWER =
            new Redirect("java/lang/Math", "pow", "(DD)D", "org/jameslua/luaj/Power", "pow");
    /** {@code rawset} checks its key with {@code TableErrors.rawKey} where LuaJ called {@code checknotnil}. */
    private static final Redirect RAWSET_KEY =
            new Redirect(LUA_VALUE, "checknotnil", "()L" + LUA_VALUE + ";", "org/jameslua/luaj/TableErrors", "rawKey");
    /**
     * {@code LexState.undefgoto}: a pending goto named "break" is a break outside a loop; LuaJ's test looked up the
     * names of its for loops' hidden locals, so it said "no visible label 'break' for <goto>".
     */
    private static final Redirect BREAK_OUTSIDE_LOOP = new Redirect(
            LEX_STATE, "isReservedKeyword", "(Ljava/lang/String;)Z", "org/jameslua/luaj/SyntaxErrorText", "isBreak");

    /**
     * {@code LuaThread.State.lua_resume} waits for the coroutine in {@link org.jameslua.luaj.CoroutineHandOver}, until
     * it has yielded or ended, where LuaJ's one {@code wait()} could return before the coroutine had run.
     */
    private static final Redirect COROUTINE_HAND_OVER =
            new Redirect("java/lang/Object", "wait", "()V", "org/jameslua/luaj/CoroutineHandOver", "awaitCoroutine");

    private LuajPatcher() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LuajPatcher OUTPUT_DIRECTORY");
        }
        Path output = Path.of(args[0]);
        try (JarFile luaj = luajJar()) {
            for (JarEntry entry : Collections.list(luaj.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                Path target = output.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = luaj.getInputStream(entry)) {
                    Files.write(target, patch(entry.getName(), in.readAllBytes()));
                }
            }
        }
    }

    /** The jar LuaJ's classes come from; this module's own output may hold patched copies of them too. */
    private static JarFile luajJar() throws IOException {
        Enumeration<URL> found = LuajPatcher.class.getClassLoader().getResources(LUA_DOUBLE + ".class");
        for (URL url : Collections.list(found)) {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                return new JarFile(Path.of(toUri(connection.getJarFileURL())).toFile());
            }
        }
        throw new IllegalStateException("LuaJ's jar is not on the class path");
    }

    private static java.net.URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] patch(String entryName, byte[] bytes) {
        if (entryName.equals(LUA_DOUBLE + ".class")) {
            return rewrite(bytes, LuaDoublePatch::new);
        }
        if (entryName.equals(LUA_INTEGER + ".class")) {
            return rewrite(bytes, LuaIntegerPatch::new);
        }
        if (entryName.equals(LUA_STRING + ".class")) {
            return rewrite(
                    rewrite(rewrite(bytes, LuaStringPatch::new), OrderPatch::forLuaString), StringArithmeticPatch::new);
        }
        if (entryName.equals(FUNC_STATE + ".class")) {
            return rewrite(bytes, FuncStatePatch::new);
        }
        if (entryName.equals(LEX_STATE + ".class")) {
            return rewrite(rewrite(bytes, LexStatePatch::new), BREAK_OUTSIDE_LOOP::patch);
        }
        if (entryName.equals(LUA_VALUE + ".class")) {
            return rewrite(
                    rewrite(
                            rewrite(
                                    rewrite(rewrite(bytes, ObjectTextPatch::new), MetatagErrorPatch::new),
                                    ArgumentErrorPatch::new),
                            OrderPatch::forLuaValue),
                    UnaryOperandPatch::forLuaValue);
        }
        if (entryName.equals("org/luaj/vm2/LuaTable.class")) {
            return rewrite(
                    rewrite(rewrite(bytes, TableErrorPatch::new), UnaryOperandPatch::forLuaTable),
                    TableLayoutPatch::new);
        }
        if (entryName.equals("org/luaj/vm2/WeakTable$WeakSlot.class")) {
            return rewrite(bytes, WeakSlotPatch::new);
        }
        if (entryName.equals("org/luaj/vm2/LuaTable$NumberValueEntry.class")) {
            return rewrite(bytes, NUMBER_SLOT::patch);
        }
        if (entryName.equals(VARARGS + ".class")) {
            return rewrite(bytes, ArgumentNumberPatch::new);
        }
        if (entryName.equals(LUA_CLOSURE + ".class")) {
            return rewrite(
                    rewrite(rewrite(rewrite(bytes, ObjectTextPatch::new), RuntimeErrorPatch::new), TailCallPatch::new),
                    NewTablePatch::new);
        }
        if (entryName.equals("org/luaj/vm2/lib/jse/JseMathLib.class")
                || entryName.equals("org/luaj/vm2/lib/jse/JseMathLib$pow.class")) {
            return rewrite(bytes, POWER::patch);
        }
        if (entryName.equals("org/luaj/vm2/lib/BaseLib$rawset.class")) {
            return rewrite(bytes, RAWSET_KEY::patch);
        }
        if (entryName.equals("org/luaj/vm2/lib/DebugLib.class")) {
            return rewrite(rewrite(bytes, KeyNamePatch::new), RegisterWritesPatch::new);
        }
        if (entryName.equals("org/luaj/vm2/LuaThread$State.class")) {
            return rewrite(bytes, COROUTINE_HAND_OVER::patch);
        }
        if (entryName.equals("org/luaj/vm2/lib/MathLib.class")) {
            return rewrite(bytes, MathLibPowerPatch::new);
        }
        if (OBJECT_TEXT_CLASSES.contains(entryName)) {
            return rewrite(bytes, ObjectTextPatch::new);
        }
        return bytes;
    }

    private static byte[] rewrite(byte[] bytes, java.util.function.Function<ClassVisitor, ClassVisitor> patch) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        PatchCount counted = new PatchCount(patch.apply(writer));
        reader.accept(counted, 0);
        return writer.toByteArray();
    }

    /** Fails the build when a method to patch is missing: another LuaJ version needs this step reviewed. */
    private static final class PatchCount extends ClassVisitor {
        private final Patch patch;

        PatchCount(ClassVisitor patch) {
            super(Opcodes.ASM9, patch);
            this.patch = (Patch) patch;
        }

        @Override
        public void visitEnd() {
            super.visitEnd();
            if (patch.applied != patch.expected) {
                throw new IllegalStateException(patch.label() + " applied " + patch.applied + " of " + patch.expected
                        + " changes: review it for this LuaJ version");
            }
        }
    }

    private abstract static class Patch extends ClassVisitor {
        final int expected;
        int applied;

        Patch(ClassVisitor next, int expected) {
            super(Opcodes.ASM9, next);
            this.expected = expected;
        }

        /** What the build's failure calls the patch. */
        String label() {
            return getClass().getSimpleName();
        }

        /** Starts a replacement body for a method, dropping LuaJ's. */
        MethodVisitor replace(int access, String name, String descriptor, String signature, String[] exceptions) {
            applied++;
            MethodVisitor body = super.visitMethod(access, name, descriptor, signature, exceptions);
            body.visitCode();
            return body;
        }

        static void end(MethodVisitor body) {
            body.visitMaxs(0, 0);
            body.visitEnd();
        }
    }

    /**
     * The one call a class makes of a method, made to a static method of ours instead, which takes the same values
     * from the stack (a virtual call's receiver as its first argument): for LuaJ code that is right but for the
     * method it calls.
     */
    private static final class Redirect {
        private final String owner;
        private final String name;
        private final String descriptor;
        private final String newOwner;
        private final String newName;

        Redirect(String owner, String name, String descriptor, String newOwner, String newName) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.newOwner = newOwner;
            this.newName = newName;
        }

        Patch patch(ClassVisitor next) {
            return new Patch(next, 1) {
                @Override
                String label() {
                    return "The redirect of " + owner + "." + name + descriptor + " to " + newOwner + "." + newName;
                }

                @Override
                public MethodVisitor visitMethod(
                        int access, String method, String methodDescriptor, String signature, String[] exceptions) {
                    MethodVisitor original = super.visitMethod(access, method, methodDescriptor, signature, exceptions);
                    return new MethodVisitor(Opcodes.ASM9, original) {
                        @Override
                        public void visitMethodInsn(
                                int opcode, String callOwner, String called, String desc, boolean isInterface) {
                            if (!callOwner.equals(owner) || !called.equals(name) || !desc.equals(descriptor)) {
                                super.visitMethodInsn(opcode, callOwner, called, desc, isInterface);
                                return;
                            }
                            applied++;
                            String staticDescriptor =
                                    opcode == Opcodes.INVOKESTATIC ? desc : "(L" + owner + ";" + desc.substring(1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, newOwner, newName, staticDescriptor, false);
                        }
                    };
                }
            };
        }
    }

    private static final class LuaDoublePatch extends Patch {
        LuaDoublePatch(ClassVisitor next) {
            super(next, 5);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("tojstring") && descriptor.equals("()Ljava/lang/String;")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitFieldInsn(Opcodes.GETFIELD, LUA_DOUBLE, "v", "D");
                body.visitMethodInsn(Opcodes.INVOKESTATIC, NUMBER_TEXT, "format", "(D)Ljava/lang/String;", false);
                body.visitInsn(Opcodes.ARETURN);
                end(body);
                return null;
            }
            if (name.equals("valueOf") && descriptor.equals("(D)" + LUA_NUMBER_DESCRIPTOR)) {
                valueOf(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("hashCode") && descriptor.equals("()I")) {
                hashCode(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("ddiv") && descriptor.equals("(DD)Lorg/luaj/vm2/LuaValue;")) {
                ddiv(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("<clinit>")) {
                return new NanConstant(original, this);
            }
            return original;
        }

        /** {@code d} as a LuaInteger when it is a whole number in int range other than -0, else a LuaDouble. */
        private static void valueOf(MethodVisitor body) {
            Label asDouble = new Label();
            body.visitVarInsn(Opcodes.DLOAD, 0);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            body.visitLdcInsn(NEGATIVE_ZERO_BITS);
            body.visitInsn(Opcodes.LCMP);
            body.visitJumpInsn(Opcodes.IFEQ, asDouble);
            body.visitVarInsn(Opcodes.DLOAD, 0);
            body.visitInsn(Opcodes.D2I);
            body.visitVarInsn(Opcodes.ISTORE, 2);
            body.visitVarInsn(Opcodes.DLOAD, 0);
            body.visitVarInsn(Opcodes.ILOAD, 2);
            body.visitInsn(Opcodes.I2D);
            body.visitInsn(Opcodes.DCMPL);
            body.visitJumpInsn(Opcodes.IFNE, asDouble);
            body.visitVarInsn(Opcodes.ILOAD, 2);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_INTEGER, "valueOf", "(I)Lorg/luaj/vm2/LuaInteger;", false);
            body.visitInsn(Opcodes.ARETURN);
            body.visitLabel(asDouble);
            body.visitTypeInsn(Opcodes.NEW, LUA_DOUBLE);
            body.visitInsn(Opcodes.DUP);
            body.visitVarInsn(Opcodes.DLOAD, 0);
            body.visitMethodInsn(Opcodes.INVOKESPECIAL, LUA_DOUBLE, "<init>", "(D)V", false);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }

        /**
         * {@code d1 / d2} as IEEE divides, so the infinity of a division by -0 has the sign C gives it (LuaJ
         * gave {@code 1/-0} +inf); a NaN it makes from numbers (0/0, inf/inf) is {@code NAN}, x86's.
         */
        private static void ddiv(MethodVisitor body) {
            Label number = new Label();
            body.visitVarInsn(Opcodes.DLOAD, 0);
            body.visitVarInsn(Opcodes.DLOAD, 2);
            body.visitInsn(Opcodes.DDIV);
            body.visitVarInsn(Opcodes.DSTORE, 4);
            for (int operand : new int[] {4, 0, 2}) {
                // x != x only for NaN: a quotient that is a number, or a NaN operand's NaN, is kept as it is
                body.visitVarInsn(Opcodes.DLOAD, operand);
                body.visitVarInsn(Opcodes.DLOAD, operand);
                body.visitInsn(Opcodes.DCMPL);
                body.visitJumpInsn(operand == 4 ? Opcodes.IFEQ : Opcodes.IFNE, number);
            }
            body.visitFieldInsn(Opcodes.GETSTATIC, LUA_DOUBLE, "NAN", "Lorg/luaj/vm2/LuaDouble;");
            body.visitInsn(Opcodes.ARETURN);
            body.visitLabel(number);
            body.visitVarInsn(Opcodes.DLOAD, 4);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_DOUBLE, "valueOf", "(D)" + LUA_NUMBER_DESCRIPTOR, false);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }

        /** The integer 0's hash for -0 (the only zero a LuaDouble holds), LuaJ's hash of the value otherwise. */
        private static void hashCode(MethodVisitor body) {
            Label nonZero = new Label();
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_DOUBLE, "v", "D");
            body.visitInsn(Opcodes.DCONST_0);
            body.visitInsn(Opcodes.DCMPL);
            body.visitJumpInsn(Opcodes.IFNE, nonZero);
            body.visitInsn(Opcodes.ICONST_0);
            body.visitInsn(Opcodes.IRETURN);
            body.visitLabel(nonZero);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_DOUBLE, "v", "D");
            body.visitInsn(Opcodes.DCONST_1);
            body.visitInsn(Opcodes.DADD);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToLongBits", "(D)J", false);
            body.visitInsn(Opcodes.DUP2);
            body.visitIntInsn(Opcodes.BIPUSH, 32);
            body.visitInsn(Opcodes.LSHR);
            body.visitInsn(Opcodes.L2I);
            body.visitInsn(Opcodes.DUP_X2);
            body.visitInsn(Opcodes.POP);
            body.visitInsn(Opcodes.L2I);
            body.visitInsn(Opcodes.IADD);
            body.visitInsn(Opcodes.IRETURN);
            end(body);
        }
    }

    /** In LuaDouble's static initializer, the NaN constant becomes x86's default NaN. */
    private static final class NanConstant extends MethodVisitor {
        private final Patch patch;

        NanConstant(MethodVisitor next, Patch patch) {
            super(Opcodes.ASM9, next);
            this.patch = patch;
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof Double && ((Double) value).isNaN()) {
                patch.applied++;
                super.visitLdcInsn(X86_DEFAULT_NAN_BITS);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            } else {
                super.visitLdcInsn(value);
            }
        }
    }

    private static final class LuaIntegerPatch extends Patch {
        LuaIntegerPatch(ClassVisitor next) {
            super(next, 2);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("neg") && descriptor.equals("()Lorg/luaj/vm2/LuaValue;")) {
                neg(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("mul") && descriptor.equals("(I)Lorg/luaj/vm2/LuaValue;")) {
                mul(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        private static void neg(MethodVisitor body) {
            Label nonZero = new Label();
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_INTEGER, "v", "I");
            body.visitJumpInsn(Opcodes.IFNE, nonZero);
            body.visitLdcInsn(-0.0);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_DOUBLE, "valueOf", "(D)" + LUA_NUMBER_DESCRIPTOR, false);
            body.visitInsn(Opcodes.ARETURN);
            body.visitLabel(nonZero);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_INTEGER, "v", "I");
            body.visitInsn(Opcodes.I2L);
            body.visitInsn(Opcodes.LNEG);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_INTEGER, "valueOf", "(J)" + LUA_NUMBER_DESCRIPTOR, false);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }

        /** {@code LuaDouble.valueOf((double) rhs * v)}: the product of two ints rounds as Lua's doubles do. */
        private static void mul(MethodVisitor body) {
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitInsn(Opcodes.I2D);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_INTEGER, "v", "I");
            body.visitInsn(Opcodes.I2D);
            body.visitInsn(Opcodes.DMUL);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_DOUBLE, "valueOf", "(D)" + LUA_NUMBER_DESCRIPTOR, false);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }
    }

    private static final class LuaStringPatch extends Patch {
        LuaStringPatch(ClassVisitor next) {
            super(next, 4);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("scannumber") && descriptor.equals("()D")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                pushBytes(body);
                body.visitMethodInsn(Opcodes.INVOKESTATIC, NUMERAL, "value", "([BII)D", false);
                body.visitInsn(Opcodes.DRETURN);
                end(body);
                return null;
            }
            if (name.equals("scannumber") && descriptor.equals("(I)D")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                pushBytes(body);
                body.visitVarInsn(Opcodes.ILOAD, 1);
                body.visitMethodInsn(Opcodes.INVOKESTATIC, NUMERAL, "valueInBase", "([BIII)D", false);
                body.visitInsn(Opcodes.DRETURN);
                end(body);
                return null;
            }
            if (name.equals("strcmp") && descriptor.equals("(L" + LUA_STRING + ";)I")) {
                byStringComparison(replace(access, name, descriptor, signature, exceptions), "order", "I");
                return null;
            }
            if (name.equals("raweq") && descriptor.equals("(L" + LUA_STRING + ";)Z")) {
                byStringComparison(replace(access, name, descriptor, signature, exceptions), "equal", "Z");
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        /**
         * {@link org.jameslua.luaj.StringComparison}'s {@code order} (unsigned bytes, as Lua 5.2's strcoll in the C
         * locale; LuaJ compared Java's signed bytes) or {@code equal}; both look at the running call's time before
         * going through long strings.
         */
        private static void byStringComparison(MethodVisitor body, String method, String resultType) {
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "org/jameslua/luaj/StringComparison",
                    method,
                    "(L" + LUA_STRING + ";L" + LUA_STRING + ";)" + resultType,
                    false);
            body.visitInsn(Opcodes.IRETURN);
            end(body);
        }

        /** The string's bytes, offset and length, as {@link org.jameslua.luaj.Numeral} reads them. */
        private static void pushBytes(MethodVisitor body) {
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_STRING, "m_bytes", "[B");
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_STRING, "m_offset", "I");
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LUA_STRING, "m_length", "I");
        }
    }

    private static final class FuncStatePatch extends Patch {
        FuncStatePatch(ClassVisitor next) {
            super(next, 3);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("numberK") && descriptor.equals("(Lorg/luaj/vm2/LuaValue;)I")) {
                numberK(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("errorlimit") && descriptor.equals("(ILjava/lang/String;)V")) {
                errorlimit(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("checkrepeated")) {
                // LuaJ's "label 'l1 already defined on line 1" lacks the closing quote Lua 5.2's has
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (" already defined on line ".equals(value)) {
                            applied++;
                            value = "' already defined on line ";
                        }
                        super.visitLdcInsn(value);
                    }
                };
            }
            return original;
        }

        /**
         * {@code ls.lexerror(SyntaxErrorText.limit(what, limit, f.linedefined), ls.t.token)}, Lua 5.2's
         * {@code errorlimit}: LuaJ's called {@code pushfstring} on a compile state it never set, so a function over
         * one of Lua's limits failed with a NullPointerException.
         */
        private static void errorlimit(MethodVisitor body) {
            String lexState = "L" + LEX_STATE + ";";
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, FUNC_STATE, "ls", lexState);
            body.visitVarInsn(Opcodes.ASTORE, 3);
            body.visitVarInsn(Opcodes.ALOAD, 3);
            body.visitVarInsn(Opcodes.ALOAD, 2);
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, FUNC_STATE, "f", "Lorg/luaj/vm2/Prototype;");
            body.visitFieldInsn(Opcodes.GETFIELD, "org/luaj/vm2/Prototype", "linedefined", "I");
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "org/jameslua/luaj/SyntaxErrorText",
                    "limit",
                    "(Ljava/lang/String;II)Ljava/lang/String;",
                    false);
            body.visitVarInsn(Opcodes.ALOAD, 3);
            body.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "t", "L" + LEX_STATE + "$Token;");
            body.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE + "$Token", "token", "I");
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEX_STATE, "lexerror", "(Ljava/lang/String;I)V", false);
            body.visitInsn(Opcodes.RETURN);
            end(body);
        }

        /** {@code addk(r instanceof LuaDouble ? LuaDouble.valueOf(r.todouble()) : r)}: an int unless it is -0. */
        private static void numberK(MethodVisitor body) {
            Label add = new Label();
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitTypeInsn(Opcodes.INSTANCEOF, LUA_DOUBLE);
            body.visitJumpInsn(Opcodes.IFEQ, add);
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "org/luaj/vm2/LuaValue", "todouble", "()D", false);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_DOUBLE, "valueOf", "(D)" + LUA_NUMBER_DESCRIPTOR, false);
            body.visitVarInsn(Opcodes.ASTORE, 1);
            body.visitLabel(add);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, FUNC_STATE, "addk", "(Lorg/luaj/vm2/LuaValue;)I", false);
            body.visitInsn(Opcodes.IRETURN);
            end(body);
        }
    }

    /**
     * Besides numerals, words syntax errors as Lua 5.2 does with {@link org.jameslua.luaj.SyntaxErrorText}:
     * {@code lexerror} adds {@code near <token>}, {@code token2str} quotes symbols (so {@code error_expected} and
     * {@code check_match} no longer quote its result themselves), {@code txtToken} quotes names, strings and
     * numerals, {@code primaryexp} says {@code unexpected symbol} without LuaJ's token number, {@code undefgoto}
     * says {@code <break> at line 1 not inside a loop}, {@code enterlevel} says {@code too many C levels (limit is
     * 200)}, {@code new_localvar} counts only the function's own locals against the limit of 200,
     * {@code readhexaesc} is {@code org.luaj.vm2.compiler.HexEscape}'s (Lua 5.2's message for a bad {@code \x}), and
     * {@code read_long_string} reads a {@code [[} inside a long string or comment as text, as Lua 5.2 does (LuaJ
     * refused it as Lua 5.1 did: "nesting of [[...]] is deprecated"), and {@code assignment} counts each target of a
     * multiple assignment as a C level, as 5.2 does (LuaJ ran out of registers past about 250 targets), and
     * {@code newlabelentry} keeps at most 32767 labels or gotos pending, as 5.2 does; {@code closegoto} looks at the
     * running call's time ({@link org.jameslua.luaj.RunningInstance#checkTime}).
     */
    private static final class LexStatePatch extends Patch {
        private static final String SYNTAX_ERROR_TEXT = "org/jameslua/luaj/SyntaxErrorText";

        LexStatePatch(ClassVisitor next) {
            super(next, 17);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("str2d") && descriptor.equals("(Ljava/lang/String;L" + LEX_STATE + "$SemInfo;)Z")) {
                str2d(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("lexerror") && descriptor.equals("(Ljava/lang/String;I)V")) {
                lexerror(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("token2str") && descriptor.equals("(I)Ljava/lang/String;")) {
                token2str(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("txtToken") && descriptor.equals("(I)Ljava/lang/String;")) {
                txtToken(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            if (name.equals("isspace") && descriptor.equals("(I)Z")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ILOAD, 1);
                body.visitMethodInsn(Opcodes.INVOKESTATIC, NUMERAL, "isSpace", "(I)Z", false);
                body.visitInsn(Opcodes.IRETURN);
                end(body);
                return null;
            }
            if (name.equals("readhexaesc") && descriptor.equals("()I")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        "org/luaj/vm2/compiler/HexEscape",
                        "read",
                        "(L" + LEX_STATE + ";)I",
                        false);
                body.visitInsn(Opcodes.IRETURN);
                end(body);
                return null;
            }
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("primaryexp")) {
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitMethodInsn(
                            int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (method.equals("syntaxerror")) {
                            applied++;
                            super.visitInsn(Opcodes.POP);
                            super.visitLdcInsn("unexpected symbol");
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                    }
                };
            }
            if (name.equals("read_string")) {
                // "\300": Lua 5.2's escerror says "decimal escape too large near '\300'", the escape as written;
                // LuaJ said "escape sequence too large" near the string read so far. The escape's value (local 3)
                // is over 255, so it was written with three digits, the first not 0: its decimal text.
                return new MethodVisitor(Opcodes.ASM9, original) {
                    private boolean tooLarge;

                    @Override
                    public void visitLdcInsn(Object value) {
                        if ("escape sequence too large".equals(value)) {
                            tooLarge = true;
                            super.visitVarInsn(Opcodes.ILOAD, 3);
                            super.visitMethodInsn(
                                    Opcodes.INVOKESTATIC,
                                    SYNTAX_ERROR_TEXT,
                                    "decimalEscapeTooLarge",
                                    "(I)Ljava/lang/String;",
                                    false);
                            return;
                        }
                        super.visitLdcInsn(value);
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        if (tooLarge) {
                            // the message names the escape itself: no token after it
                            applied++;
                            tooLarge = false;
                            super.visitInsn(Opcodes.ICONST_0);
                            return;
                        }
                        super.visitIntInsn(opcode, operand);
                    }
                };
            }
            if (name.equals("assignment")) {
                // Lua 5.2 parses each target of a multiple assignment one C level deeper, checking
                // nvars + nCcalls against 200 ("too many C levels"); LuaJ checked nothing and ran out of registers
                // ("function or expression too complex") past about 250 targets
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitMethodInsn(
                            int opcode, String owner, String method, String desc, boolean isInterface) {
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        if (method.equals("suffixedexp")) {
                            applied++;
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "fs", "L" + FUNC_STATE + ";");
                            super.visitVarInsn(Opcodes.ILOAD, 2);
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "L", COMPILE_STATE);
                            super.visitFieldInsn(
                                    Opcodes.GETFIELD, "org/luaj/vm2/compiler/LuaC$CompileState", "nCcalls", "I");
                            super.visitInsn(Opcodes.IADD);
                            super.visitIntInsn(Opcodes.SIPUSH, 200);
                            super.visitLdcInsn("C levels");
                            super.visitMethodInsn(
                                    Opcodes.INVOKEVIRTUAL, FUNC_STATE, "checklimit", "(IILjava/lang/String;)V", false);
                        }
                    }
                };
            }
            if (name.equals("read_long_string")) {
                // Lua 5.2 reads a [[ inside a long string or comment as text; LuaJ kept Lua 5.1's "nesting of [[...]]
                // is deprecated" (the Lua 5.0 rewriter has already made a nested pair that balances one of 5.0's)
                return new MethodVisitor(Opcodes.ASM9, original) {
                    private boolean nesting;

                    @Override
                    public void visitLdcInsn(Object value) {
                        if ("nesting of [[...]] is deprecated".equals(value)) {
                            nesting = true;
                            return;
                        }
                        super.visitLdcInsn(value);
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        if (nesting && opcode == Opcodes.BIPUSH && operand == '[') {
                            return;
                        }
                        super.visitIntInsn(opcode, operand);
                    }

                    @Override
                    public void visitMethodInsn(
                            int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (nesting && method.equals("lexerror")) {
                            // the lexer itself, loaded for the call, is all that is left on the stack
                            applied++;
                            nesting = false;
                            super.visitInsn(Opcodes.POP);
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                    }
                };
            }
            if (name.equals("new_localvar")) {
                // Lua 5.2 counts a function's own locals against the limit of 200 (actvar.n + 1 - fs->firstlocal);
                // LuaJ counted those of the functions around it too, refusing a valid function inside a chunk
                // with many locals
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        if (opcode == Opcodes.SIPUSH && operand == 200) {
                            applied++;
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "fs", "L" + FUNC_STATE + ";");
                            super.visitFieldInsn(Opcodes.GETFIELD, FUNC_STATE, "firstlocal", "I");
                            super.visitInsn(Opcodes.ISUB);
                        }
                        super.visitIntInsn(opcode, operand);
                    }
                };
            }
            if (name.equals("newlabelentry")) {
                // Lua 5.2 keeps at most 32767 labels, and as many gotos, pending at once (luaM_growvector's limit),
                // raising "too many labels/gotos (limit is 32767)" without a position; LuaJ had no limit, and
                // resolving the gotos pending at a label takes time quadratic in them (120,000 gotos: 29 s, in a call
                // bounded to 1 s)
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        applied++;
                        Label room = new Label();
                        super.visitVarInsn(Opcodes.ILOAD, 2);
                        super.visitIntInsn(Opcodes.SIPUSH, Short.MAX_VALUE);
                        super.visitJumpInsn(Opcodes.IF_ICMPLT, room);
                        super.visitTypeInsn(Opcodes.NEW, LUA_ERROR);
                        super.visitInsn(Opcodes.DUP);
                        super.visitLdcInsn("too many labels/gotos (limit is 32767)");
                        super.visitMethodInsn(
                                Opcodes.INVOKESPECIAL, LUA_ERROR, "<init>", "(Ljava/lang/String;)V", false);
                        super.visitInsn(Opcodes.ATHROW);
                        super.visitLabel(room);
                    }
                };
            }
            if (name.equals("closegoto")) {
                // resolving a goto shifts every goto pending after it: a label reached by many (a loop's end by its
                // breaks) takes time quadratic in them, after the compiler has read the label, where no look at the
                // bytes read sees it (32767 gotos, Lua 5.2's most: 2.7 s in a call bounded to 1 s, which returned)
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        applied++;
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, RUNNING_INSTANCE, "checkTime", "()V", false);
                    }
                };
            }
            if (name.equals("enterlevel")) {
                // Lua 5.2's enterlevel is checklimit(fs, nCcalls, 200, "C levels"): "too many C levels (limit is
                // 200) in main function near '('", where LuaJ wrote "chunk has too many syntax levels"
                return new MethodVisitor(Opcodes.ASM9, original) {
                    private boolean levels;

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (!"chunk has too many syntax levels".equals(value)) {
                            super.visitLdcInsn(value);
                            return;
                        }
                        levels = true;
                        super.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "fs", "L" + FUNC_STATE + ";");
                        super.visitIntInsn(Opcodes.SIPUSH, 200);
                        super.visitLdcInsn("C levels");
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (levels && opcode == Opcodes.ICONST_0) {
                            return;
                        }
                        super.visitInsn(opcode);
                    }

                    @Override
                    public void visitMethodInsn(
                            int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (levels && method.equals("lexerror")) {
                            applied++;
                            levels = false;
                            super.visitMethodInsn(
                                    Opcodes.INVOKEVIRTUAL, FUNC_STATE, "errorlimit", "(ILjava/lang/String;)V", false);
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                    }
                };
            }
            if (name.equals("error_expected") || name.equals("check_match")) {
                return new MethodVisitor(Opcodes.ASM9, original) {
                    private boolean afterToken;

                    @Override
                    public void visitMethodInsn(
                            int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (afterToken && method.equals("LUA_QS")) {
                            applied++;
                            afterToken = false;
                            return;
                        }
                        afterToken = method.equals("token2str");
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                    }
                };
            }
            return original;
        }

        private static void lexerror(MethodVisitor body) {
            Label noToken = new Label();
            Label near = new Label();
            body.visitTypeInsn(Opcodes.NEW, LUA_ERROR);
            body.visitInsn(Opcodes.DUP);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "source", "Lorg/luaj/vm2/LuaString;");
            body.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL, "org/luaj/vm2/LuaString", "tojstring", "()Ljava/lang/String;", false);
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "org/luaj/vm2/Lua",
                    "chunkid",
                    "(Ljava/lang/String;)Ljava/lang/String;",
                    false);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "linenumber", "I");
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitVarInsn(Opcodes.ILOAD, 2);
            body.visitJumpInsn(Opcodes.IFEQ, noToken);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitVarInsn(Opcodes.ILOAD, 2);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEX_STATE, "txtToken", "(I)Ljava/lang/String;", false);
            body.visitJumpInsn(Opcodes.GOTO, near);
            body.visitLabel(noToken);
            body.visitInsn(Opcodes.ACONST_NULL);
            body.visitLabel(near);
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    SYNTAX_ERROR_TEXT,
                    "message",
                    "(Ljava/lang/String;ILjava/lang/String;Ljava/lang/String;)Ljava/lang/String;",
                    false);
            body.visitMethodInsn(Opcodes.INVOKESPECIAL, LUA_ERROR, "<init>", "(Ljava/lang/String;)V", false);
            body.visitInsn(Opcodes.ATHROW);
            end(body);
        }

        private static void token2str(MethodVisitor body) {
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitFieldInsn(Opcodes.GETSTATIC, LEX_STATE, "luaX_tokens", "[Ljava/lang/String;");
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    SYNTAX_ERROR_TEXT,
                    "token",
                    "(I[Ljava/lang/String;)Ljava/lang/String;",
                    false);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }

        /** A name, string or numeral (tokens 287 to 289) is written as read, any other token by token2str. */
        private static void txtToken(MethodVisitor body) {
            Label other = new Label();
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitIntInsn(Opcodes.SIPUSH, NUMBER_TOKEN);
            body.visitJumpInsn(Opcodes.IF_ICMPLT, other);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "buff", "[C");
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "nbuff", "I");
            body.visitMethodInsn(Opcodes.INVOKESTATIC, SYNTAX_ERROR_TEXT, "text", "([CI)Ljava/lang/String;", false);
            body.visitInsn(Opcodes.ARETURN);
            body.visitLabel(other);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEX_STATE, "token2str", "(I)Ljava/lang/String;", false);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }

        /**
         * {@code seminfo.r} is the numeral's value, or a "malformed number" lexical error; the lexer's text ends
         * with the 0 it saved after the numeral, which {@code trim()} drops.
         */
        private static void str2d(MethodVisitor body) {
            Label number = new Label();
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "trim", "()Ljava/lang/String;", false);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, NUMERAL, "value", "(Ljava/lang/String;)D", false);
            body.visitVarInsn(Opcodes.DSTORE, 3);
            body.visitVarInsn(Opcodes.DLOAD, 3);
            body.visitVarInsn(Opcodes.DLOAD, 3);
            body.visitInsn(Opcodes.DCMPL);
            body.visitJumpInsn(Opcodes.IFEQ, number);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitLdcInsn("malformed number");
            body.visitIntInsn(Opcodes.SIPUSH, NUMBER_TOKEN);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEX_STATE, "lexerror", "(Ljava/lang/String;I)V", false);
            body.visitLabel(number);
            body.visitVarInsn(Opcodes.ALOAD, 2);
            body.visitVarInsn(Opcodes.DLOAD, 3);
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC, "org/luaj/vm2/LuaValue", "valueOf", "(D)" + LUA_NUMBER_DESCRIPTOR, false);
            body.visitFieldInsn(Opcodes.PUTFIELD, LEX_STATE + "$SemInfo", "r", "Lorg/luaj/vm2/LuaValue;");
            body.visitInsn(Opcodes.ICONST_1);
            body.visitInsn(Opcodes.IRETURN);
            end(body);
        }
    }

    private static final class ObjectTextPatch extends Patch {
        ObjectTextPatch(ClassVisitor next) {
            super(next, 1);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("tojstring") && descriptor.equals("()Ljava/lang/String;")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        "org/jameslua/luaj/ObjectText",
                        "of",
                        "(Lorg/luaj/vm2/LuaValue;)Ljava/lang/String;",
                        false);
                body.visitInsn(Opcodes.ARETURN);
                end(body);
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
    }

    /**
     * {@code execute} passes its registers ({@code stack}, its first parameter, never reassigned) to
     * {@code processErrorHooks}, which words the message with them and the closure's upvalues before LuaJ's error
     * hook sees it; and its
     * {@code catch (LuaError le)} first tells {@link org.jameslua.luaj.ErrorUnwinding} that the error leaves it.
     */
    private static final class RuntimeErrorPatch extends Patch {
        RuntimeErrorPatch(ClassVisitor next) {
            super(next, 4);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("processErrorHooks") && descriptor.equals(PROCESS_ERROR_HOOKS)) {
                MethodVisitor original =
                        super.visitMethod(access, name, PROCESS_ERROR_HOOKS_WITH_REGISTERS, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, original) {
                    @Override
                    public void visitMethodInsn(
                            int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (owner.equals(LUA_ERROR) && method.equals("getMessage")) {
                            applied++;
                            super.visitVarInsn(Opcodes.ALOAD, 2);
                            super.visitVarInsn(Opcodes.ILOAD, 3);
                            super.visitVarInsn(Opcodes.ALOAD, 4);
                            super.visitVarInsn(Opcodes.ILOAD, 5);
                            super.visitVarInsn(Opcodes.ALOAD, 6);
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitFieldInsn(Opcodes.GETFIELD, LUA_CLOSURE, "upValues", "[Lorg/luaj/vm2/UpValue;");
                            super.visitMethodInsn(
                                    Opcodes.INVOKESTATIC,
                                    "org/luaj/vm2/lib/VariableNames",
                                    "message",
                                    "(L" + LUA_ERROR + ";Lorg/luaj/vm2/Prototype;I[Lorg/luaj/vm2/LuaValue;IL" + VARARGS
                                            + ";[Lorg/luaj/vm2/UpValue;)Ljava/lang/String;",
                                    false);
                            return;
                        }
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                    }
                };
            }
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!name.equals("execute")) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                /** The last three locals loaded: before the debug hook's call, its pc, v and top. */
                private final int[] loaded = new int[3];

                private int top = -1;
                private int varargs = -1;

                @Override
                public void visitVarInsn(int opcode, int var) {
                    loaded[0] = loaded[1];
                    loaded[1] = loaded[2];
                    loaded[2] = var;
                    super.visitVarInsn(opcode, var);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String descriptor) {
                    if (opcode == Opcodes.GETFIELD && owner.equals(LUA_ERROR) && field.equals("traceback")) {
                        // the catch block's first look at the error it caught: the error is on the stack
                        applied++;
                        super.visitInsn(Opcodes.DUP);
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitFieldInsn(Opcodes.GETFIELD, LUA_CLOSURE, "globals", "Lorg/luaj/vm2/Globals;");
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC,
                                "org/jameslua/luaj/ErrorUnwinding",
                                "leaving",
                                "(L" + LUA_ERROR + ";Lorg/luaj/vm2/Globals;)V",
                                false);
                    }
                    super.visitFieldInsn(opcode, owner, field, descriptor);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    if (method.equals("onInstruction") && desc.equals("(IL" + VARARGS + ";I)V")) {
                        // execute hands the debug hook (pc, v, top): the locals that tell an open argument list
                        varargs = loaded[1];
                        top = loaded[2];
                    }
                    if (owner.equals(LUA_CLOSURE)
                            && method.equals("processErrorHooks")
                            && desc.equals(PROCESS_ERROR_HOOKS)) {
                        if (top < 0) {
                            throw new IllegalStateException("execute calls processErrorHooks before its debug hook");
                        }
                        applied++;
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitVarInsn(Opcodes.ILOAD, top);
                        super.visitVarInsn(Opcodes.ALOAD, varargs);
                        super.visitMethodInsn(opcode, owner, method, PROCESS_ERROR_HOOKS_WITH_REGISTERS, isInterface);
                        return;
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                }
            };
        }
    }

    /**
     * {@code OP_TAILCALL} in {@code execute} calls {@link org.jameslua.luaj.TailCalls#call} where LuaJ made a
     * {@code TailcallVarargs}: a host function is called in place, from the caller's frame.
     */
    private static final class TailCallPatch extends Patch {
        TailCallPatch(ClassVisitor next) {
            super(next, 5);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!name.equals("execute")) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                private boolean newTailCall;

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW && type.equals(TAILCALL_VARARGS)) {
                        newTailCall = true;
                        return;
                    }
                    super.visitTypeInsn(opcode, type);
                }

                @Override
                public void visitInsn(int opcode) {
                    if (newTailCall && opcode == Opcodes.DUP) {
                        newTailCall = false;
                        return;
                    }
                    super.visitInsn(opcode);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    if (owner.equals(TAILCALL_VARARGS) && method.equals("<init>")) {
                        applied++;
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC,
                                "org/jameslua/luaj/TailCalls",
                                "call",
                                "(L" + LUA_VALUE + ";L" + VARARGS + ";)L" + VARARGS + ";",
                                false);
                        return;
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                }
            };
        }
    }

    /**
     * {@code LuaValue.argerror(type)} and {@code LuaValue.argerror(index, message)}, behind every argument check
     * of LuaJ's, throw an {@link org.luaj.vm2.lib.ArgumentError}, worded as Lua 5.2 words it once the call is
     * known.
     */
    private static final class ArgumentErrorPatch extends Patch {
        ArgumentErrorPatch(ClassVisitor next) {
            super(next, 2);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("argerror") && descriptor.equals("(Ljava/lang/String;)L" + LUA_VALUE + ";")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitVarInsn(Opcodes.ALOAD, 1);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        ARGUMENT_ERROR,
                        "expected",
                        "(L" + LUA_VALUE + ";Ljava/lang/String;)L" + LUA_ERROR + ";",
                        false);
                body.visitInsn(Opcodes.ATHROW);
                end(body);
                return null;
            }
            if (name.equals("argerror") && descriptor.equals("(ILjava/lang/String;)L" + LUA_VALUE + ";")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ILOAD, 0);
                body.visitVarInsn(Opcodes.ALOAD, 1);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        ARGUMENT_ERROR,
                        "problem",
                        "(ILjava/lang/String;)L" + LUA_ERROR + ";",
                        false);
                body.visitInsn(Opcodes.ATHROW);
                end(body);
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
    }

    /**
     * Every {@code Varargs.checkX(index, ...)} and {@code optX(index, ...)} tells the argument error its
     * check raised which argument it was about: the check on the value itself cannot know. A handler costs
     * nothing until an error is thrown.
     */
    private static final class ArgumentNumberPatch extends Patch {
        ArgumentNumberPatch(ClassVisitor next) {
            super(next, 31);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            boolean argumentCheck = (name.startsWith("check") || name.startsWith("opt"))
                    && descriptor.startsWith("(I")
                    && (access & Opcodes.ACC_STATIC) == 0;
            if (!argumentCheck) {
                return original;
            }
            applied++;
            return new MethodVisitor(Opcodes.ASM9, original) {
                private final Label start = new Label();
                private final Label end = new Label();
                private final Label handler = new Label();

                @Override
                public void visitCode() {
                    super.visitCode();
                    super.visitTryCatchBlock(start, end, handler, ARGUMENT_ERROR);
                    super.visitLabel(start);
                }

                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    super.visitLabel(end);
                    super.visitLabel(handler);
                    super.visitVarInsn(Opcodes.ILOAD, 1);
                    super.visitMethodInsn(
                            Opcodes.INVOKEVIRTUAL, ARGUMENT_ERROR, "at", "(I)L" + ARGUMENT_ERROR + ";", false);
                    super.visitInsn(Opcodes.ATHROW);
                    super.visitMaxs(maxStack, maxLocals);
                }
            };
        }
    }

    /**
     * {@code LuaTable}'s two errors: {@code typerror("table index")} on the table in {@code set} becomes
     * {@code TableErrors.invalidKey(key)}, and {@code error("invalid key to 'next'")} (twice in {@code next})
     * {@code TableErrors.invalidNextKey()}. Only the error paths change.
     */
    private static final class TableErrorPatch extends Patch {
        private static final String TABLE_ERRORS = "org/jameslua/luaj/TableErrors";
        private static final String TABLE_INDEX = "table index";
        private static final String INVALID_NEXT_KEY = "invalid key to 'next'";

        TableErrorPatch(ClassVisitor next) {
            super(next, 3);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            boolean set = name.equals("set") && descriptor.equals("(L" + LUA_VALUE + ";L" + LUA_VALUE + ";)V");
            if (!set && !name.equals("next")) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                /** The error text just loaded, held back until the call that raises it. */
                private Object pending;

                @Override
                public void visitLdcInsn(Object value) {
                    if ((set && TABLE_INDEX.equals(value)) || INVALID_NEXT_KEY.equals(value)) {
                        pending = value;
                        return;
                    }
                    super.visitLdcInsn(value);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    if (pending == null) {
                        super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        return;
                    }
                    String returnsValue = ")L" + LUA_VALUE + ";";
                    if (pending.equals(TABLE_INDEX) && method.equals("typerror")) {
                        // typerror was to be called on the table (already on the stack); the key is blamed
                        super.visitInsn(Opcodes.POP);
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC,
                                TABLE_ERRORS,
                                "invalidKey",
                                "(L" + LUA_VALUE + ";" + returnsValue,
                                false);
                    } else if (pending.equals(INVALID_NEXT_KEY) && method.equals("error")) {
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC, TABLE_ERRORS, "invalidNextKey", "(" + returnsValue, false);
                    } else {
                        throw new IllegalStateException("LuaTable raises '" + pending + "' with " + method);
                    }
                    applied++;
                    pending = null;
                }
            };
        }
    }

    /**
     * A weak table's slot keeps its key for {@code next}: {@code WeakSlot.first} and {@code keyeq} call
     * {@link org.luaj.vm2.WeakSlots}, so a key whose value was collected is still found (LuaJ's forgot it with the
     * value); {@code remove} leaves a {@code DeadSlot} with the key in the removed entry's place,
     * as a strong table's {@code LinkSlot.remove} does, so that {@code next} still finds a key cleared while the
     * table is traversed (LuaJ kept the weak slot with no value). Either way a {@code pairs} loop failed with
     * {@code invalid key to 'next'}. The dead slot holds a table, function or coroutine key weakly, and goes at the
     * next rehash.
     */
    private static final class WeakSlotPatch extends Patch {
        private static final String WEAK_SLOT = "org/luaj/vm2/WeakTable$WeakSlot";
        private static final String SLOT = "org/luaj/vm2/LuaTable$Slot";
        private static final String STRONG_SLOT = "org/luaj/vm2/LuaTable$StrongSlot";
        private static final String DEAD_SLOT = "org/luaj/vm2/LuaTable$DeadSlot";

        WeakSlotPatch(ClassVisitor next) {
            super(next, 3);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("first") && descriptor.equals("()L" + STRONG_SLOT + ";")
                    || name.equals("keyeq") && descriptor.equals("(L" + LUA_VALUE + ";)Z")) {
                delegate(replace(access, name, descriptor, signature, exceptions), name, descriptor);
                return null;
            }
            if (!name.equals("remove") || !descriptor.equals("(L" + STRONG_SLOT + ";)L" + SLOT + ";")) {
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
            MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
            Label live = new Label();
            Label other = new Label();
            // LuaValue key = strongkey(); if (key == null) return next.remove(target);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, WEAK_SLOT, "strongkey", "()L" + LUA_VALUE + ";", false);
            body.visitVarInsn(Opcodes.ASTORE, 2);
            body.visitVarInsn(Opcodes.ALOAD, 2);
            body.visitJumpInsn(Opcodes.IFNONNULL, live);
            removeFromRest(body);
            body.visitInsn(Opcodes.ARETURN);
            // if (target.keyeq(key)) return new DeadSlot(key, next);
            body.visitLabel(live);
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitVarInsn(Opcodes.ALOAD, 2);
            body.visitMethodInsn(Opcodes.INVOKEINTERFACE, STRONG_SLOT, "keyeq", "(L" + LUA_VALUE + ";)Z", true);
            body.visitJumpInsn(Opcodes.IFEQ, other);
            body.visitTypeInsn(Opcodes.NEW, DEAD_SLOT);
            body.visitInsn(Opcodes.DUP);
            body.visitVarInsn(Opcodes.ALOAD, 2);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, WEAK_SLOT, "next", "L" + SLOT + ";");
            // DeadSlot's constructor is private: javac's accessor for LuaTable takes one more, unused, argument
            body.visitInsn(Opcodes.ACONST_NULL);
            body.visitMethodInsn(
                    Opcodes.INVOKESPECIAL,
                    DEAD_SLOT,
                    "<init>",
                    "(L" + LUA_VALUE + ";L" + SLOT + ";Lorg/luaj/vm2/LuaTable$1;)V",
                    false);
            body.visitInsn(Opcodes.ARETURN);
            // next = next.remove(target); return this;
            body.visitLabel(other);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            removeFromRest(body);
            body.visitFieldInsn(Opcodes.PUTFIELD, WEAK_SLOT, "next", "L" + SLOT + ";");
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
            return null;
        }

        /** {@code return WeakSlots.method(this, arguments...)}: at most one argument, a reference. */
        private static void delegate(MethodVisitor body, String method, String descriptor) {
            body.visitVarInsn(Opcodes.ALOAD, 0);
            if (!descriptor.startsWith("()")) {
                body.visitVarInsn(Opcodes.ALOAD, 1);
            }
            body.visitMethodInsn(
                    Opcodes.INVOKESTATIC,
                    "org/luaj/vm2/WeakSlots",
                    method,
                    "(L" + WEAK_SLOT + ";" + descriptor.substring(1),
                    false);
            body.visitInsn(descriptor.endsWith("Z") ? Opcodes.IRETURN : Opcodes.ARETURN);
            end(body);
        }

        /** {@code next.remove(target)}. */
        private static void removeFromRest(MethodVisitor body) {
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitFieldInsn(Opcodes.GETFIELD, WEAK_SLOT, "next", "L" + SLOT + ";");
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitMethodInsn(
                    Opcodes.INVOKEINTERFACE, SLOT, "remove", "(L" + STRONG_SLOT + ";)L" + SLOT + ";", true);
        }
    }

    /**
     * {@code DebugLib.kname} names a field by a string constant key only, as Lua's does; {@code getobjname}'s two
     * calls of it (a field or global, a method) also pass the instruction's pc, so that a key LuaJ loaded into a
     * register (a constant past the 256th, {@code LOADK}) is named as Lua 5.2's {@code kname} names it.
     */
    private static final class KeyNamePatch extends Patch {
        private static final String VARIABLE_NAMES = "org/luaj/vm2/lib/VariableNames";
        private static final String KEY_NAME = "(Lorg/luaj/vm2/Prototype;I)L" + LUA_STRING + ";";
        /** getobjname's local {@code pc}: the instruction that set the register being named (javap: istore_3). */
        private static final int GETOBJNAME_PC = 3;

        KeyNamePatch(ClassVisitor next) {
            super(next, 3);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("kname") && descriptor.equals(KEY_NAME)) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitVarInsn(Opcodes.ILOAD, 1);
                body.visitMethodInsn(Opcodes.INVOKESTATIC, VARIABLE_NAMES, "keyName", KEY_NAME, false);
                body.visitInsn(Opcodes.ARETURN);
                end(body);
                return null;
            }
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!name.equals("getobjname")) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    if (method.equals("kname") && desc.equals(KEY_NAME)) {
                        applied++;
                        super.visitVarInsn(Opcodes.ILOAD, GETOBJNAME_PC);
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC,
                                VARIABLE_NAMES,
                                "keyName",
                                "(Lorg/luaj/vm2/Prototype;II)L" + LUA_STRING + ";",
                                false);
                        return;
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                }
            };
        }
    }

    /**
     * {@code DebugLib.findsetreg}, which finds the instruction that set the register an error names, is
     * {@link org.luaj.vm2.lib.RegisterWrites}'s, Lua 5.2.4's: a register written in code a forward jump may skip
     * (the branches of {@code and}/{@code or}) has no name, where LuaJ's (5.2.0's) named it after the last branch.
     */
    private static final class RegisterWritesPatch extends Patch {
        private static final String FIND_SETREG = "(Lorg/luaj/vm2/Prototype;II)I";

        RegisterWritesPatch(ClassVisitor next) {
            super(next, 1);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("findsetreg") && descriptor.equals(FIND_SETREG)) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitVarInsn(Opcodes.ILOAD, 1);
                body.visitVarInsn(Opcodes.ILOAD, 2);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC, "org/luaj/vm2/lib/RegisterWrites", "last", FIND_SETREG, false);
                body.visitInsn(Opcodes.IRETURN);
                end(body);
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
    }

    /**
     * {@code MathLib.dpow} and {@code dpow_d} (behind {@code ^} and constant folding) compute with
     * {@link org.jameslua.luaj.Power}, C's {@code pow}, themselves: LuaJ's went to JseMathLib's {@code dpow_lib} (see
     * {@link LuajPatcher#POWER}) only once a JseMathLib had been made, and used an approximation of its own before,
     * as when a script is compiled before any instance exists.
     */
    private static final class MathLibPowerPatch extends Patch {
        MathLibPowerPatch(ClassVisitor next) {
            super(next, 2);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("dpow") && descriptor.equals("(DD)Lorg/luaj/vm2/LuaValue;")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                power(body);
                body.visitMethodInsn(Opcodes.INVOKESTATIC, LUA_DOUBLE, "valueOf", "(D)" + LUA_NUMBER_DESCRIPTOR, false);
                body.visitInsn(Opcodes.ARETURN);
                end(body);
                return null;
            }
            if (name.equals("dpow_d") && descriptor.equals("(DD)D")) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                power(body);
                body.visitInsn(Opcodes.DRETURN);
                end(body);
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        private static void power(MethodVisitor body) {
            body.visitVarInsn(Opcodes.DLOAD, 0);
            body.visitVarInsn(Opcodes.DLOAD, 2);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, "org/jameslua/luaj/Power", "pow", "(DD)D", false);
        }
    }

    private static final class MetatagErrorPatch extends Patch {
        MetatagErrorPatch(ClassVisitor next) {
            super(next, 1);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals("checkmetatag")
                    && descriptor.equals("(Lorg/luaj/vm2/LuaValue;Ljava/lang/String;)Lorg/luaj/vm2/LuaValue;")) {
                checkmetatag(replace(access, name, descriptor, signature, exceptions));
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }

        /**
         * The metamethod {@code tag}, or the error {@code reason + "a " + typename() + " value"}; also that error for
         * a {@code __call} that is no function, which Lua 5.2 does not call through its own {@code __call} (LuaJ
         * followed such chains).
         */
        private static void checkmetatag(MethodVisitor body) {
            Label found = new Label();
            String builder = "java/lang/StringBuilder";
            String append = "(Ljava/lang/String;)Ljava/lang/StringBuilder;";
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL,
                    LUA_VALUE,
                    "metatag",
                    "(Lorg/luaj/vm2/LuaValue;)Lorg/luaj/vm2/LuaValue;",
                    false);
            body.visitVarInsn(Opcodes.ASTORE, 3);
            Label fails = new Label();
            body.visitVarInsn(Opcodes.ALOAD, 3);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LUA_VALUE, "isnil", "()Z", false);
            body.visitJumpInsn(Opcodes.IFNE, fails);
            body.visitVarInsn(Opcodes.ALOAD, 1);
            body.visitFieldInsn(Opcodes.GETSTATIC, LUA_VALUE, "CALL", "Lorg/luaj/vm2/LuaString;");
            body.visitJumpInsn(Opcodes.IF_ACMPNE, found);
            body.visitVarInsn(Opcodes.ALOAD, 3);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LUA_VALUE, "isfunction", "()Z", false);
            body.visitJumpInsn(Opcodes.IFNE, found);
            body.visitLabel(fails);
            body.visitTypeInsn(Opcodes.NEW, LUA_ERROR);
            body.visitInsn(Opcodes.DUP);
            body.visitTypeInsn(Opcodes.NEW, builder);
            body.visitInsn(Opcodes.DUP);
            body.visitVarInsn(Opcodes.ALOAD, 2);
            body.visitMethodInsn(Opcodes.INVOKESPECIAL, builder, "<init>", "(Ljava/lang/String;)V", false);
            body.visitLdcInsn("a ");
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, builder, "append", append, false);
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LUA_VALUE, "typename", "()Ljava/lang/String;", false);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, builder, "append", append, false);
            body.visitLdcInsn(" value");
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, builder, "append", append, false);
            body.visitMethodInsn(Opcodes.INVOKEVIRTUAL, builder, "toString", "()Ljava/lang/String;", false);
            body.visitMethodInsn(Opcodes.INVOKESPECIAL, LUA_ERROR, "<init>", "(Ljava/lang/String;)V", false);
            body.visitInsn(Opcodes.ATHROW);
            body.visitLabel(found);
            body.visitVarInsn(Opcodes.ALOAD, 3);
            body.visitInsn(Opcodes.ARETURN);
            end(body);
        }
    }

    /**
     * Sends LuaJ's orderings of values that are not two numbers to {@link org.jameslua.luaj.Order}: in
     * {@code LuaValue}, {@code comparemt} and the comparisons with a number on the other side (reached as
     * {@code 1 < t}, which LuaJ's numbers turn into {@code t.gt_b(1)}); in {@code LuaString}, its comparisons with
     * any value. {@code expected} is how many of those methods the class has.
     */
    private static final class OrderPatch extends Patch {
        private static final String ORDER = "org/jameslua/luaj/Order";
        private static final java.util.Set<String> ORDERINGS = java.util.Set.of("lt_b", "lteq_b", "gt_b", "gteq_b");
        private final java.util.Set<String> arguments;

        OrderPatch(ClassVisitor next, java.util.Set<String> arguments, int expected) {
            super(next, expected);
            this.arguments = arguments;
        }

        static OrderPatch forLuaValue(ClassVisitor next) {
            return new OrderPatch(next, java.util.Set.of("I", "D"), 9);
        }

        static OrderPatch forLuaString(ClassVisitor next) {
            return new OrderPatch(next, java.util.Set.of("I", "D", "L" + LUA_VALUE + ";"), 12);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            String comparemt = "(L" + LUA_VALUE + ";L" + LUA_VALUE + ";)L" + LUA_VALUE + ";";
            if (name.equals("comparemt") && descriptor.equals(comparemt) && arguments.size() == 2) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitVarInsn(Opcodes.ALOAD, 1);
                body.visitVarInsn(Opcodes.ALOAD, 2);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC,
                        ORDER,
                        "compare",
                        "(L" + LUA_VALUE + ";L" + LUA_VALUE + ";L" + LUA_VALUE + ";)L" + LUA_VALUE + ";",
                        false);
                body.visitInsn(Opcodes.ARETURN);
                end(body);
                return null;
            }
            String argument = descriptor.substring(1, descriptor.indexOf(')'));
            if (ORDERINGS.contains(name) && descriptor.endsWith(")Z") && arguments.contains(argument)) {
                MethodVisitor body = replace(access, name, descriptor, signature, exceptions);
                body.visitVarInsn(Opcodes.ALOAD, 0);
                body.visitVarInsn(
                        argument.equals("I") ? Opcodes.ILOAD : argument.equals("D") ? Opcodes.DLOAD : Opcodes.ALOAD, 1);
                body.visitMethodInsn(
                        Opcodes.INVOKESTATIC, ORDER, name, "(L" + LUA_VALUE + ";" + argument + ")Z", false);
                body.visitInsn(Opcodes.IRETURN);
                end(body);
                return null;
            }
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
    }

    /**
     * {@code __unm} and {@code __len} get their operand twice, as Lua 5.2 calls them ({@code luaT_callTM(L, tm, rb,
     * rb, ...)}): in {@code LuaValue.neg}, {@code LuaValue.len} and {@code LuaTable.len}, LuaJ's {@code h.call(this)}
     * becomes {@code h.call(this, this)}.
     */
    private static final class UnaryOperandPatch extends Patch {
        private static final String ONE_ARGUMENT = "(L" + LUA_VALUE + ";)L" + LUA_VALUE + ";";

        UnaryOperandPatch(ClassVisitor next, int expected) {
            super(next, expected);
        }

        static UnaryOperandPatch forLuaValue(ClassVisitor next) {
            return new UnaryOperandPatch(next, 2);
        }

        static UnaryOperandPatch forLuaTable(ClassVisitor next) {
            return new UnaryOperandPatch(next, 1);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            boolean unary = descriptor.equals("()L" + LUA_VALUE + ";") && (name.equals("neg") || name.equals("len"));
            if (!unary) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    if (method.equals("call") && desc.equals(ONE_ARGUMENT)) {
                        applied++;
                        super.visitInsn(Opcodes.DUP);
                        super.visitMethodInsn(
                                opcode,
                                owner,
                                method,
                                "(L" + LUA_VALUE + ";L" + LUA_VALUE + ";)L" + LUA_VALUE + ";",
                                isInterface);
                        return;
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                }
            };
        }
    }

    /** {@code LuaTable}'s layout and border through {@link org.luaj.vm2.TableLayout}; hash slots for one node. */
    private static final class TableLayoutPatch extends Patch {
        private static final String LUA_TABLE = "org/luaj/vm2/LuaTable";
        private static final String TABLE_LAYOUT = "org/luaj/vm2/TableLayout";

        TableLayoutPatch(ClassVisitor next) {
            super(next, 6);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            String table = "L" + LUA_TABLE + ";";
            if (name.equals("rawlen") && descriptor.equals("()I")) {
                delegate(replace(access, name, descriptor, signature, exceptions), "border", "(" + table + ")I", 0);
            } else if (name.equals("presize") && descriptor.equals("(I)V")) {
                delegate(replace(access, name, descriptor, signature, exceptions), "growArray", "(" + table + "I)V", 1);
            } else if (name.equals("presize") && descriptor.equals("(II)V")) {
                delegate(replace(access, name, descriptor, signature, exceptions), "presize", "(" + table + "II)V", 2);
            } else if (name.equals("rehash") && descriptor.equals("(I)V")) {
                delegate(replace(access, name, descriptor, signature, exceptions), "rehash", "(" + table + "I)V", 1);
            } else if (name.equals("hashmod") && descriptor.equals("(II)I")) {
                hashmod(replace(access, name, descriptor, signature, exceptions));
            } else if (name.equals("hashSlot") && descriptor.equals("(L" + LUA_VALUE + ";I)I")) {
                hashSlot(replace(access, name, descriptor, signature, exceptions), descriptor);
            } else {
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
            return null;
        }

        /** {@code return TableLayout.method(this, int arguments...)}. */
        private static void delegate(MethodVisitor body, String method, String descriptor, int intArguments) {
            body.visitVarInsn(Opcodes.ALOAD, 0);
            for (int i = 1; i <= intArguments; i++) {
                body.visitVarInsn(Opcodes.ILOAD, i);
            }
            body.visitMethodInsn(Opcodes.INVOKESTATIC, TABLE_LAYOUT, method, descriptor, false);
            body.visitInsn(descriptor.endsWith("V") ? Opcodes.RETURN : Opcodes.IRETURN);
            end(body);
        }

        /** {@code return TableLayout.hashSlot(key, mask)}. */
        private static void hashSlot(MethodVisitor body, String descriptor) {
            body.visitVarInsn(Opcodes.ALOAD, 0);
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitMethodInsn(Opcodes.INVOKESTATIC, TABLE_LAYOUT, "hashSlot", descriptor, false);
            body.visitInsn(Opcodes.IRETURN);
            end(body);
        }

        /** {@code (hashCode & 0x7FFFFFFF) % (mask | 1)}: LuaJ's {@code % mask} for its odd masks, and 0 for one node. */
        private static void hashmod(MethodVisitor body) {
            body.visitVarInsn(Opcodes.ILOAD, 0);
            body.visitLdcInsn(0x7FFFFFFF);
            body.visitInsn(Opcodes.IAND);
            body.visitVarInsn(Opcodes.ILOAD, 1);
            body.visitInsn(Opcodes.ICONST_1);
            body.visitInsn(Opcodes.IOR);
            body.visitInsn(Opcodes.IREM);
            body.visitInsn(Opcodes.IRETURN);
            end(body);
        }
    }

    /**
     * {@code OP_NEWTABLE} decodes its operands ({@code luaO_fb2int}) before it makes the table, and {@code OP_SETLIST}
     * with a multiple-valued last item ({@code {...}}, {@code {f()}}) sizes the array part to the items first, as
     * 5.2's does (LuaJ set them one by one, growing the table as it went). LuaJ 3.0.1's {@code execute} keeps the
     * table in local 9, the list's offset in 14 and the item count in 5; it stores {@code count - varargs.narg()}
     * in 15 just before setting the items.
     */
    private static final class NewTablePatch extends Patch {
        NewTablePatch(ClassVisitor next) {
            super(next, 2);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!name.equals("execute")) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                /** Where in {@code items - varargs.narg()} the instructions seen last are: 1 after narg, 2 after -. */
                private int setlistCount;

                @Override
                public void visitInsn(int opcode) {
                    setlistCount = setlistCount == 1 && opcode == Opcodes.ISUB ? 2 : 0;
                    super.visitInsn(opcode);
                }

                @Override
                public void visitVarInsn(int opcode, int variable) {
                    super.visitVarInsn(opcode, variable);
                    if (setlistCount == 2 && opcode == Opcodes.ISTORE && variable == 15) {
                        applied++;
                        super.visitVarInsn(Opcodes.ALOAD, 9);
                        super.visitVarInsn(Opcodes.ILOAD, 14);
                        super.visitVarInsn(Opcodes.ILOAD, 5);
                        super.visitInsn(Opcodes.IADD);
                        super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LUA_VALUE, "presize", "(I)V", false);
                    }
                    setlistCount = 0;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    setlistCount = owner.equals(VARARGS) && method.equals("narg") ? 1 : 0;
                    if (opcode == Opcodes.INVOKESPECIAL
                            && owner.equals("org/luaj/vm2/LuaTable")
                            && method.equals("<init>")
                            && desc.equals("(II)V")) {
                        applied++;
                        String decode = "(I)I";
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC, "org/luaj/vm2/TableLayout", "decodedSize", decode, false);
                        super.visitInsn(Opcodes.SWAP);
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC, "org/luaj/vm2/TableLayout", "decodedSize", decode, false);
                        super.visitInsn(Opcodes.SWAP);
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                }
            };
        }
    }

    /** {@code LuaString}'s six arithmetic methods taking a value decide with {@code StringArithmetic.byMetamethod}. */
    private static final class StringArithmeticPatch extends Patch {
        private static final java.util.Set<String> ARITHMETIC =
                java.util.Set.of("add", "sub", "mul", "div", "mod", "pow");

        StringArithmeticPatch(ClassVisitor next) {
            super(next, 6);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!ARITHMETIC.contains(name) || !descriptor.equals("(L" + LUA_VALUE + ";)L" + LUA_VALUE + ";")) {
                return original;
            }
            return new MethodVisitor(Opcodes.ASM9, original) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                    if (owner.equals("java/lang/Double") && method.equals("isNaN")) {
                        applied++;
                        super.visitVarInsn(Opcodes.ALOAD, 1);
                        super.visitMethodInsn(
                                Opcodes.INVOKESTATIC,
                                "org/jameslua/luaj/StringArithmetic",
                                "byMetamethod",
                                "(DL" + LUA_VALUE + ";)Z",
                                false);
                        return;
                    }
                    super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                }
            };
        }
    }
}
