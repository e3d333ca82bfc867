package org.yingji.warning;

/** Who or what a warning is delivered to: a person's phone, an app/web subscriber, an emergency-broadcast terminal. */
enum RecipientKind {
    PHONE("手机号码"), SUBSCRIBER("客户端订阅"), TERMINAL("应急广播终端");

    private final String label;

    RecipientKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Phones and subscribers are people; a terminal reaches the people of its village. */
    boolean isPerson() {
        return this != TERMINAL;
    }
}
