package dev.llmos.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.llmos.protocol.Json;
import java.util.Locale;

/**
 * derives the wire schema of a params record: snake_case properties,
 * {@code additionalProperties: false} on every object, required from {@code NotNull}, bounds from jakarta constraints, defaults
 * from {@code JsonProperty(defaultValue)}, enums as their lowercase constant names.
 */
public final class ParamsSchemas {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final SchemaGenerator GENERATOR = build();

    private ParamsSchemas() {
    }

    private static SchemaGenerator build() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(
                Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
        // untyped json passes through as-is; its own schema (if any) is checked where it is used
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> erased = type.getErasedType();
            if (!JsonNode.class.isAssignableFrom(erased)) {
                return null;
            }
            ObjectNode definition = context.getGeneratorConfig().createObjectNode();
            if (ObjectNode.class.isAssignableFrom(erased)) {
                definition.put("type", "object");
            }
            return new CustomDefinition(definition, CustomDefinition.DefinitionType.INLINE,
                    CustomDefinition.AttributeInclusion.NO);
        });
        // enum constants are lowercase on the wire, as the codec writes and reads them
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> erased = type.getErasedType();
            if (!erased.isEnum()) {
                return null;
            }
            ObjectNode definition = context.getGeneratorConfig().createObjectNode().put("type", "string");
            var values = definition.putArray("enum");
            for (Object constant : erased.getEnumConstants()) {
                values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
            return new CustomDefinition(definition, CustomDefinition.DefinitionType.INLINE,
                    CustomDefinition.AttributeInclusion.YES);
        });
        builder.forFields().withPropertyNameOverrideResolver(field -> wireName(field.getName()));
        builder.forFields().withDefaultResolver(field -> {
            JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            if (property == null || property.defaultValue().isEmpty()) {
                return null;
            }
            return defaultValue(field.getType().getErasedType(), property.defaultValue());
        });
        return new SchemaGenerator(builder.build());
    }

    /** the wire name of a record component: snake_case, as the codec writes it. */
    public static String wireName(String componentName) {
        return SNAKE.translate(componentName);
    }

    /** the schema of {@code type}; a closed object with one property per record component. */
    public static ObjectNode of(Class<? extends Record> type) {
        ObjectNode schema = GENERATOR.generateSchema(type);
        plainValues(schema);
        return schema;
    }

    /** the generator keeps some values (a {@code Long} default) as pojo nodes: make them plain json. */
    private static void plainValues(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                if (field.getValue() instanceof POJONode pojo) {
                    field.setValue(Json.MAPPER.valueToTree(pojo.getPojo()));
                } else {
                    plainValues(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ParamsSchemas::plainValues);
        }
    }

    private static Object defaultValue(Class<?> type, String text) {
        try {
            if (type == Integer.class || type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == Long.class || type == long.class) {
                return Long.parseLong(text);
            }
            if (type == Double.class || type == double.class) {
                return Double.parseDouble(text);
            }
            if (type == Boolean.class || type == boolean.class) {
                return Boolean.parseBoolean(text);
            }
            return text;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("default value '" + text + "' is not a " + type.getSimpleName(), e);
        }
    }
}
