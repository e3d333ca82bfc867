package org.yingji.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "API 令牌 API tokens")
@RestController
@RequestMapping("/api/tokens")
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateTokenRequest(@NotBlank @Size(max = 100) String name, @Min(1) @Max(3650) Integer expiresInDays) {
    }

    @Operation(summary = "My API tokens")
    @GetMapping
    List<ApiTokens.TokenView> list() {
        return tokens.listOf(CurrentUser.get());
    }

    @Operation(summary = "Create an API token; the token is shown only in this answer")
    @PostMapping
    ResponseEntity<ApiTokens.IssuedToken> create(@Valid @RequestBody CreateTokenRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.issue(CurrentUser.get(), request.name().strip(), request.expiresInDays()));
    }

    @Operation(summary = "Revoke one of my API tokens")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(CurrentUser.get(), id);
        return ResponseEntity.noContent().build();
    }
}
