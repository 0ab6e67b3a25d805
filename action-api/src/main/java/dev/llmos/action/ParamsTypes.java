package dev.llmos.action;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * the params record an action class declares as the type argument of {@link Action}, found once
 * per class (a {@link ClassValue}) by walking its superclasses and interfaces, so that
 * {@code class FsList implements Action<FsList.Params>} says it once. type variables are followed
 * through generic superclasses ({@code class Click extends InputAction<Click.Params>}).
 */
final class ParamsTypes {
    private static final TypeVariable<?> P = Action.class.getTypeParameters()[0];

    private static final ClassValue<Class<?>> FOUND = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            Class<?> found = find(type, Map.of());
            if (found == null || !Record.class.isAssignableFrom(found)) {
                throw new IllegalStateException(type.getName() + " does not name its params record as the type "
                        + "argument of Action; declare paramsType()");
            }
            return found;
        }
    };

    private ParamsTypes() {
    }

    @SuppressWarnings("unchecked")
    static <P extends Record> Class<P> of(Class<?> actionClass) {
        return (Class<P>) FOUND.get(actionClass);
    }

    /** the class bound to {@code P} of {@link Action} along {@code type}'s supertypes, given the bindings below it. */
    private static Class<?> find(Type type, Map<TypeVariable<?>, Type> below) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], arguments[i] instanceof TypeVariable<?> v && below.containsKey(v)
                        ? below.get(v) : arguments[i]);
            }
        } else if (type instanceof Class<?> plain) {
            raw = plain;
        } else {
            return null;
        }
        if (raw == Action.class) {
            Type bound = bindings.get(P);
            if (bound instanceof Class<?> found) {
                return found;
            }
            return bound instanceof ParameterizedType p ? (Class<?>) p.getRawType() : null;
        }
        List<Type> parents = new ArrayList<>(List.of(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            parents.add(raw.getGenericSuperclass());
        }
        for (Type parent : parents) {
            Class<?> found = find(parent, bindings);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
