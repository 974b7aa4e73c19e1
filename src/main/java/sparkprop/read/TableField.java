package sparkprop.read;

/**
 * One top-level column of a table file: its name, what it holds and the format's own name for its type
 * (for messages).
 */
record TableField(String name, TableFieldKind kind, String typeName) {}
