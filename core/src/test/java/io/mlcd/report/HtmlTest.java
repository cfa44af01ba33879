package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class HtmlTest {
    @Test
    public void shouldEscapeEveryCharacterThatIsSpecialInTextOrAttributes() {
        assertThat(Html.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    }

    @Test
    public void shouldEscapeTextAndAttributeValuesButNotTagNames() {
        var html = new Html().open("td", "title", "\"><script>").text("<script>alert(1)</script>").close("td");

        assertThat(html.toString()).isEqualTo(
                "<td title=\"&quot;&gt;&lt;script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    }

    @Test
    public void shouldLeaveOutAttributesWithoutValue() {
        assertThat(new Html().empty("rect", "class", null, "x", "1").toString()).isEqualTo("<rect x=\"1\"/>");
    }

    @Test
    public void shouldRejectAnAttributeWithoutValue() {
        assertThatThrownBy(() -> new Html().open("td", "class"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
    }
}
