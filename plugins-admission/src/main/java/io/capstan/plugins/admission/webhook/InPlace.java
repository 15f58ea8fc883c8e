package io.capstan.plugins.admission.webhook;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.capstan.spi.api.KubeJson;
import java.util.Map;

/**
 * Copies every Jackson property of one object onto another of the same class, so that a patched
 * copy can replace the request's object in place (mutating admission plugins change the object
 * they were given; they cannot swap it). Properties the patch removed become null; fabric8's
 * {@code additionalProperties} are replaced too.
 */
final class InPlace {

  private InPlace() {}

  @SuppressWarnings("unchecked")
  static <T> void copy(T from, T to) {
    if (from.getClass() != to.getClass()) {
      throw new IllegalArgumentException("cannot copy a " + from.getClass().getName() + " onto a " + to.getClass().getName());
    }
    JavaType type = KubeJson.mapper().constructType(to.getClass());
    BeanDescription bean = KubeJson.mapper().getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition property : bean.findProperties()) {
      AnnotatedMethod getter = property.getGetter();
      AnnotatedMethod setter = property.getSetter();
      if (getter != null && setter != null) {
        try {
          setter.callOnWith(to, getter.callOn(from));
        } catch (Exception e) {
          throw new IllegalStateException("cannot copy property " + property.getName() + " of " + to.getClass().getName(), e);
        }
      }
    }
    try {
      var getExtra = to.getClass().getMethod("getAdditionalProperties");
      Map<String, Object> target = (Map<String, Object>) getExtra.invoke(to);
      Map<String, Object> source = (Map<String, Object>) getExtra.invoke(from);
      if (target != null && source != null && target != source) {
        target.clear();
        target.putAll(source);
      }
    } catch (NoSuchMethodException none) {
      // a class without additional properties
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy additional properties of " + to.getClass().getName(), e);
    }
  }
}
