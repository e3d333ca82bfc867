package org.yingji.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

@Tag(name = "应急资源 Resources")
@RestController
@PreAuthorize("hasAuthority('resource:read')")
@RequestMapping("/api/resources")
class ResourceController {

    static final Set<String> RESERVED = Set.of("q", "regionCode", "status", "sort", "page", "size", "bbox", "limit",
            "lon", "lat", "n", "kind");
    static final int LAYER_LIMIT = 20_000;

    private final ResourceAdministration administration;
    private final Resources resources;

    ResourceController(ResourceAdministration administration, Resources resources) {
        this.administration = administration;
        this.resources = resources;
    }

    record KindView(String kind, String path, String label, List<Map<String, String>> statuses,
                    List<FieldView> fields) {
    }

    record FieldView(String name, String label, FieldSpec.FieldType type, boolean required,
                     List<Map<String, String>> options) {
    }

    @Operation(summary = "The kinds of resources with their fields (drives forms, lists and Excel templates)")
    @GetMapping("/kinds")
    List<KindView> kinds() {
        return Arrays.stream(ResourceKind.values()).map(kind -> new KindView(kind.name(), kind.path(), kind.label(),
                kind.statuses().entrySet().stream().map(e -> Map.of("value", e.getKey(), "label", e.getValue())).toList(),
                kind.fields().stream().map(f -> new FieldView(f.name(), f.label(), f.type(), f.required(),
                        f.optionList())).toList())).toList();
    }

    @Operation(summary = "Search resources of any kind by name (the map's search box)")
    @GetMapping("/search")
    List<ResourceView> searchAll(@RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
        return resources.findByName(CurrentUser.get().scope(), q.strip(), Math.min(Math.max(limit, 1), 100));
    }

    @Operation(summary = "A map layer as GeoJSON, within a bbox (minLon,minLat,maxLon,maxLat) and filters")
    @GetMapping(value = "/layers/{kind}", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    String layer(@PathVariable String kind, @RequestParam(required = false) String bbox,
                 @RequestParam Map<String, String> params) {
        ResourceKind resourceKind = kind(kind);
        return resources.layer(resourceKind, CurrentUser.get().scope(), filter(resourceKind, params), parseBbox(bbox),
                LAYER_LIMIT);
    }

    @Operation(summary = "List resources of a kind: paging, sorting (sort=name or -updatedAt), search and filters")
    @GetMapping("/{kind}")
    PageView<ResourceView> list(@PathVariable String kind, @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size,
                                @RequestParam Map<String, String> params) {
        ResourceKind resourceKind = kind(kind);
        return resources.search(resourceKind, CurrentUser.get().scope(), filter(resourceKind, params),
                PageRequest.of(page, size));
    }

    @Operation(summary = "One resource")
    @GetMapping("/{kind}/{id}")
    ResourceView get(@PathVariable String kind, @PathVariable long id) {
        return administration.get(CurrentUser.get(), kind(kind), id);
    }

    @Operation(summary = "Create a resource")
    @PreAuthorize("hasAuthority('resource:manage')")
    @PostMapping("/{kind}")
    ResponseEntity<ResourceView> create(@PathVariable String kind, @RequestBody ResourceInput input) {
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.create(CurrentUser.get(), kind(kind), input));
    }

    @Operation(summary = "Change a resource")
    @PreAuthorize("hasAuthority('resource:manage')")
    @PutMapping("/{kind}/{id}")
    ResourceView update(@PathVariable String kind, @PathVariable long id, @RequestBody ResourceInput input) {
        return administration.update(CurrentUser.get(), kind(kind), id, input);
    }

    @Operation(summary = "Delete a resource")
    @PreAuthorize("hasAuthority('resource:manage')")
    @DeleteMapping("/{kind}/{id}")
    ResponseEntity<Void> delete(@PathVariable String kind, @PathVariable long id) {
        administration.delete(CurrentUser.get(), kind(kind), id);
        return ResponseEntity.noContent().build();
    }

    static ResourceKind kind(String path) {
        ResourceKind kind = ResourceKind.fromPath(path);
        if (kind == null) {
            throw new ProblemException.NotFound("资源类型", path);
        }
        return kind;
    }

    static ResourceFilter filter(ResourceKind kind, Map<String, String> params) {
        return new ResourceFilter(params.get("q"), params.get("regionCode"), params.get("status"),
                attributeFilters(kind, params), params.get("sort"));
    }

    static Map<String, String> attributeFilters(ResourceKind kind, Map<String, String> params) {
        Map<String, String> attributes = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (!RESERVED.contains(key) && value != null && !value.isBlank()) {
                if (kind.field(key) == null) {
                    throw new ProblemException.InvalidField(key, "Unknown", "不是" + kind.label() + "的筛选条件");
                }
                attributes.put(key, value.strip());
            }
        });
        return attributes;
    }

    static double[] parseBbox(String bbox) {
        if (bbox == null || bbox.isBlank()) {
            return null;
        }
        String[] parts = bbox.split(",");
        if (parts.length != 4) {
            throw new ProblemException.InvalidField("bbox", "Format", "格式须为 最小经度,最小纬度,最大经度,最大纬度");
        }
        double[] values = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                values[i] = Double.parseDouble(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new ProblemException.InvalidField("bbox", "Format", "须为 4 个数字");
        }
        if (values[0] > values[2] || values[1] > values[3]) {
            throw new ProblemException.InvalidField("bbox", "Order", "最小值不能大于最大值");
        }
        return values;
    }
}
