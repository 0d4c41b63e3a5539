package dev.dbpool.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** dbpool-bom, which has no parent of its own: the build's version, and every module a service may depend on. */
class BomTest {

    private static final Path ROOT = Path.of("..");
    /** Modules that are not libraries: the command line's shaded jar and the benchmarks. */
    private static final List<String> NOT_PUBLISHED = List.of("dbpool-cli", "dbpool-bench", "dbpool-bom");

    @Test
    void theBomHasTheBuildsVersionAndListsEveryPublishedModule() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bom/pom.xml"));
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength()).as("a parent's "
                + "dependencyManagement would be imported with the BOM").isZero();

        List<String> published = new ArrayList<>();
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            if (module.startsWith("examples/")) {
                continue;
            }
            String artifact = child(read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId");
            if (!NOT_PUBLISHED.contains(artifact)) {
                published.add(artifact);
            }
        }
        List<String> managed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            managed.add(child((Element) deps.item(i), "artifactId"));
        }
        assertThat(published).isNotEmpty();
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of {@code element}'s direct child {@code name}. */
    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError(element.getTagName() + " has no " + name);
    }
}
