package org.jameslua.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** A James XML configuration file edited as a DOM tree: comments and layout survive, only the edited nodes change. */
final class XmlFile {

    private final Path file;
    private final Document document;

    private XmlFile(Path file, Document document) {
        this.file = file;
        this.document = document;
    }

    static XmlFile read(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            // keeps the declaration as James's files write it, without standalone="no"
            document.setXmlStandalone(true);
            return new XmlFile(file, document);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    void write() throws IOException {
        try (var out = Files.newOutputStream(file)) {
            // written by hand: the JDK's transformer puts the first comment on the declaration's line
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /** All elements of that name anywhere below the root. */
    List<Element> descendants(String name) {
        List<Element> found = new ArrayList<>();
        var nodes = document.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** The first child of that name, created (indented like its siblings) when there is none. */
    Element child(Element parent, String name) {
        List<Element> existing = children(parent, name);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        Element created = document.createElement(name);
        Node trailing = isBlankText(parent.getLastChild()) ? parent.getLastChild() : null;
        Node indent = siblingIndent(parent);
        if (indent != null) {
            parent.insertBefore(indent.cloneNode(false), trailing);
        }
        parent.insertBefore(created, trailing);
        return created;
    }

    /** The blank text before the last child element: how this parent's children are indented. */
    private static Node siblingIndent(Element parent) {
        for (Node node = parent.getLastChild(); node != null; node = node.getPreviousSibling()) {
            if (node instanceof Element) {
                return isBlankText(node.getPreviousSibling()) ? node.getPreviousSibling() : null;
            }
        }
        return null;
    }

    private static boolean isBlankText(Node node) {
        return node != null
                && node.getNodeType() == Node.TEXT_NODE
                && node.getTextContent().isBlank();
    }

    /** Removes an element with the line it stood on. */
    static void remove(Element element) {
        Node parent = element.getParentNode();
        if (isBlankText(element.getPreviousSibling())) {
            parent.removeChild(element.getPreviousSibling());
        }
        parent.removeChild(element);
    }

    /** Puts a comment and an element in the place of an element, the comment on a line of its own. */
    void replace(Element old, Node comment, Element replacement) {
        Node parent = old.getParentNode();
        parent.insertBefore(comment, old);
        if (isBlankText(old.getPreviousSibling().getPreviousSibling())) {
            parent.insertBefore(old.getPreviousSibling().getPreviousSibling().cloneNode(false), old);
        }
        parent.replaceChild(replacement, old);
    }

    /** Sets the text of the first child of that name, creating it when there is none. */
    Element setChildText(Element parent, String name, String text) {
        Element element = child(parent, name);
        element.setTextContent(text);
        return element;
    }

    Element createElement(String name) {
        return document.createElement(name);
    }

    Node createComment(String text) {
        return document.createComment(text);
    }
}
