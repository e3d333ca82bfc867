package org.yingji.warning;

/** A warning's revision went out to the public: msgType Alert (revision 0), Update or Cancel. */
public record WarningPublished(long warningId, int revision, String msgType) {
}
