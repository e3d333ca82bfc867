package org.yingji.platform.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, the total across all pages, the 0-based page number and the page size. */
public record PageView<T>(List<T> items, long total, int page, int size) {

    public <R> PageView<R> map(Function<T, R> mapper) {
        return new PageView<>(items.stream().map(mapper).toList(), total, page, size);
    }
}
