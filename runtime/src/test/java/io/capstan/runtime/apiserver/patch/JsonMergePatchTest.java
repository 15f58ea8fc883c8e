package io.capstan.runtime.apiserver.patch;

import static io.capstan.runtime.apiserver.patch.PatchFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386 merge patch: the examples of the RFC's Appendix A, plus Kubernetes' null pruning. */
class JsonMergePatchTest {

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'a':'b'}                 | {'a':'c'}              | {'a':'c'}",
      "{'a':'b'}                 | {'b':'c'}              | {'a':'b','b':'c'}",
      "{'a':'b'}                 | {'a':null}             | {}",
      "{'a':'b','b':'c'}         | {'a':null}             | {'b':'c'}",
      "{'a':['b']}               | {'a':'c'}              | {'a':'c'}",
      "{'a':'c'}                 | {'a':['b']}            | {'a':['b']}",
      "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
      "{'a':[{'b':'c'}]}         | {'a':[1]}              | {'a':[1]}",
      "['a','b']                 | ['c','d']              | ['c','d']",
      "{'a':'b'}                 | ['c']                  | ['c']",
      "{'a':'foo'}               | null                   | null",
      "{'a':'foo'}               | 'bar'                  | 'bar'",
      "{'e':null}                | {'a':1}                | {'e':null,'a':1}",
      "[1,2]                     | {'a':'b','c':null}     | {'a':'b'}",
      "{}                        | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
  })
  void rfc7386AppendixA(String target, String patch, String result) {
    JsonNode t = json(target);
    JsonNode before = t.deepCopy();
    assertThat(JsonMergePatch.apply(t, json(patch))).isEqualTo(json(result));
    assertThat(t).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'a':1}   | {'b':[{'x':1,'y':null}]} | {'a':1,'b':[{'x':1}]}",
      "{'a':1}   | {'b':{'c':[{'z':null}]}} | {'a':1,'b':{'c':[{}]}}",
  })
  void nullsInsideReplacingValuesAreDroppedLikeEvanphxJsonPatch(String target, String patch, String result) {
    assertThat(JsonMergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
  }
}
