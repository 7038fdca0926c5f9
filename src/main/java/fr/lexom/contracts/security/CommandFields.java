package fr.lexom.contracts.security;

import java.lang.reflect.Field;

/**
 * Reads a field of one of Camunda's commands, which keep what they were given in protected fields without getters.
 * Each field is looked up once, when the guard is built: should an engine upgrade rename one, the application fails
 * to start instead of running unguarded.
 */
final class CommandFields {

    private final Field field;

    CommandFields(Class<?> command, String name) {
        try {
            this.field = command.getDeclaredField(name);
            this.field.setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("Camunda's " + command.getSimpleName() + " has no field '" + name
                    + "' (engine upgraded?): the engine guard cannot check it", e);
        }
    }

    @SuppressWarnings("unchecked")
    <T> T read(Object command) {
        try {
            return (T) field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }
}
