package io.capstan.spi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListOptionsTest {

  @Test
  void allListsEveryNamespaceWithNoFilters() {
    ListOptions all = ListOptions.all();
    assertThat(all.allNamespaces()).isTrue();
    assertThat(all.labelSelector()).isEmpty();
    assertThat(all.limit()).isZero();
    assertThat(all.continueToken()).isEmpty();
  }

  @Test
  void withersChangeOnlyTheirField() {
    ListOptions o = ListOptions.inNamespace("ns1").withLabelSelector("app=web")
        .withFieldSelector("spec.nodeName=n1").withLimit(50).withAllowWatchBookmarks(true)
        .withResourceVersion("7");
    assertThat(o).isEqualTo(new ListOptions("ns1", "app=web", "spec.nodeName=n1", "7", 50, "", true));
    assertThat(o.allNamespaces()).isFalse();
  }

  @Test
  void negativeLimitIsRejected() {
    assertThatThrownBy(() -> ListOptions.all().withLimit(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
  }

  @Test
  void continueTokenAndResourceVersionCannotBeCombined() {
    assertThatThrownBy(() -> new ListOptions("", "", "", "5", 10, "tok", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("continue token");
  }

  @Test
  void nextCarriesTheTokenAndDropsTheResourceVersion() {
    ListOptions first = ListOptions.inNamespace("ns").withLabelSelector("a=b").withLimit(2)
        .withResourceVersion("0");
    ObjectList<Pod> page = new ObjectList<>(List.of(new Pod(), new Pod()), "42", "tok-1");
    ListOptions second = first.next(page);
    assertThat(second.continueToken()).isEqualTo("tok-1");
    assertThat(second.resourceVersion()).isEmpty();
    assertThat(second.labelSelector()).isEqualTo("a=b");
    assertThat(second.limit()).isEqualTo(2);
  }

  @Test
  void nextAfterTheLastPageIsAnError() {
    ObjectList<Pod> last = new ObjectList<>(List.of(), "42", "");
    assertThat(last.hasMore()).isFalse();
    assertThatThrownBy(() -> ListOptions.all().next(last))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last");
  }

  @Test
  void objectListItemsAreImmutable() {
    ObjectList<Pod> list = new ObjectList<>(new java.util.ArrayList<>(List.of(new Pod())), "1", "");
    assertThatThrownBy(() -> list.items().add(new Pod()))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
