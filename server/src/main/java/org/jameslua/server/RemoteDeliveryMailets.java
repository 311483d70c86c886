package org.jameslua.server;

/**
 * Which {@code mailetcontainer.xml} mailets are James's RemoteDelivery: by its short name, which James resolves
 * in its standard mailet package, or by a full class name.
 */
public final class RemoteDeliveryMailets {
    private RemoteDeliveryMailets() {}

    public static boolean isRemoteDelivery(String mailetClass) {
        return mailetClass.equals("RemoteDelivery") || mailetClass.endsWith(".RemoteDelivery");
    }
}
