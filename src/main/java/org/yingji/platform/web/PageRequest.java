package org.yingji.platform.web;

/** Paging parameters, clamped so that a client cannot ask for a million rows at once. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw new ProblemException.InvalidField("page", "Min", "页码不能小于 0");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new ProblemException.InvalidField("size", "Range", "每页条数必须在 1 到 " + MAX_SIZE + " 之间");
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
