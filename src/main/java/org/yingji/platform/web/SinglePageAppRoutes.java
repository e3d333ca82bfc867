package org.yingji.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Hands the web app's own routes to index.html so that a reload or a bookmark of /map works. */
@Controller
class SinglePageAppRoutes {

    @GetMapping({"/login", "/change-password", "/map", "/map/**", "/admin/**", "/account/**",
            "/resources/**", "/monitoring/**", "/warning/**", "/command/**", "/routing/**", "/safety/**",
            "/enforcement/**", "/coming/**", "/403", "/public", "/public/"})
    String app() {
        return "forward:/index.html";
    }
}
