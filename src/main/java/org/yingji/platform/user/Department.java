package org.yingji.platform.user;

/** A government department or bureau (应急, 水务, 气象 …) at a region. */
public record Department(long id, String code, String name, String regionCode) {
}
