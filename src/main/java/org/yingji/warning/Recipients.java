package org.yingji.warning;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.excel.ExcelSheets;
import org.yingji.platform.excel.ExcelSheets.Column;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

/**
 * The registry of who a warning can reach: people's phones with their home village (and point when known),
 * app/web subscribers, and emergency-broadcast terminals. Excel import is all-or-nothing with every bad row
 * listed; the synthetic generator follows the population of each village.
 */
@Service
class Recipients {

    static final List<Column> PHONE_COLUMNS = List.of(new Column("手机号码", "address", true),
            new Column("姓名", "name", false), new Column("村（社区）代码", "regionCode", true),
            new Column("经度", "lon", false), new Column("纬度", "lat", false));
    static final List<Column> TERMINAL_COLUMNS = List.of(new Column("终端编码", "address", true),
            new Column("名称", "name", true), new Column("村（社区）代码", "regionCode", true),
            new Column("经度", "lon", true), new Column("纬度", "lat", true), new Column("喇叭数", "speakers", true));
    static final String TERMINAL_CODE = "^[A-Za-z0-9_-]{3,40}$";
    /** Synthetic people live within about this distance (degrees, ~2 km) of their village point. */
    static final double SYNTHETIC_SPREAD = 0.02;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Regions regions;
    private final CityExtent city;
    private final RecipientIndex index;
    private final AuditLog audit;

    Recipients(JdbcClient jdbc, DataSource dataSource, Regions regions, CityExtent city, RecipientIndex index,
               AuditLog audit) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.regions = regions;
        this.city = city;
        this.index = index;
        this.audit = audit;
    }

    record RecipientInput(RecipientKind kind, String address, String name, String regionCode, Double lon, Double lat,
                          Integer speakers) {
    }

    record RecipientView(long id, RecipientKind kind, String address, String name, String regionCode,
                         String regionName, double lon, double lat, Integer speakers, boolean synthetic) {
    }

    PageView<RecipientView> list(CurrentUser user, RecipientKind kind, String regionCode, String q, PageRequest page) {
        StringBuilder where = new StringBuilder(" where region_code like ?");
        List<Object> params = new ArrayList<>(List.of(user.scope().likePattern()));
        if (kind != null) {
            where.append(" and kind = ?");
            params.add(kind.name());
        }
        if (StringUtils.hasText(regionCode)) {
            where.append(" and region_code like ?");
            params.add(RegionScope.of(regionCode.strip()).likePattern());
        }
        if (StringUtils.hasText(q)) {
            where.append(" and (address like ? or name like ?)");
            String like = "%" + q.strip().replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        long total = jdbc.sql("select count(*) from warning_recipient" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<RecipientView> items = jdbc.sql("select * from warning_recipient" + where + " order by id limit ? offset ?")
                .params(pageParams)
                .query((rs, row) -> new RecipientView(rs.getLong("id"), RecipientKind.valueOf(rs.getString("kind")),
                        rs.getString("address"), rs.getString("name"), rs.getString("region_code"),
                        regions.nameOf(rs.getString("region_code")), rs.getDouble("lon"), rs.getDouble("lat"),
                        (Integer) rs.getObject("speakers"), rs.getBoolean("synthetic")))
                .list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    @Transactional
    RecipientView add(CurrentUser user, RecipientInput input) {
        RecipientInput checked = check(user, input);
        if (exists(checked.kind(), checked.address())) {
            throw new ProblemException.Conflict("recipient.duplicate", checked.kind().label() + " " + checked.address()
                    + " 已登记");
        }
        long id = insert(checked);
        index.changed(id);
        audit.record("warning.recipient.add", "warning_recipient", id, null, checked);
        return list(user, null, null, checked.address(), PageRequest.of(0, 1)).items().stream()
                .filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    @Transactional
    void remove(CurrentUser user, long id) {
        int removed = jdbc.sql("delete from warning_recipient where id = ? and region_code like ?")
                .params(id, user.scope().likePattern()).update();
        if (removed == 0) {
            throw new ProblemException.NotFound("接收对象", id);
        }
        index.changed(id);
        audit.record("warning.recipient.remove", "warning_recipient", id, null, null);
    }

    /** Subscribes the signed-in user's app/web client to warnings for their home village. */
    @Transactional
    RecipientView subscribe(CurrentUser user, String regionCode, Double lon, Double lat) {
        RecipientInput input = check(user, new RecipientInput(RecipientKind.SUBSCRIBER, Long.toString(user.id()),
                user.displayName(), regionCode, lon, lat, null));
        List<Long> replaced = jdbc.sql("delete from warning_recipient where kind = 'SUBSCRIBER' and address = ? "
                        + "returning id").param(input.address()).query(Long.class).list();
        long id = insert(input);
        index.changed(java.util.stream.LongStream.concat(replaced.stream().mapToLong(Long::longValue),
                java.util.stream.LongStream.of(id)).toArray());
        audit.record("warning.subscribe", "warning_recipient", id, null, input);
        return list(user, RecipientKind.SUBSCRIBER, null, input.address(), PageRequest.of(0, 1)).items().get(0);
    }

    private boolean exists(RecipientKind kind, String address) {
        return jdbc.sql("select count(*) from warning_recipient where kind = ? and address = ?")
                .params(kind.name(), address).query(Long.class).single() > 0;
    }

    private long insert(RecipientInput r) {
        return jdbc.sql("""
                        insert into warning_recipient (kind, address, name, region_code, lon, lat, speakers)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.kind().name(), r.address(), r.name(), r.regionCode(), r.lon(), r.lat(), r.speakers())
                .query(Long.class).single();
    }

    /** Checks a recipient and fills the village point when only the village is known. */
    RecipientInput check(CurrentUser user, RecipientInput in) {
        List<FieldProblem> problems = new ArrayList<>();
        if (in.kind() == null) {
            problems.add(new FieldProblem("kind", "NotNull", "类型不能为空"));
            throw new ProblemException.Invalid(problems);
        }
        String address = in.address() == null ? null : in.address().strip();
        if (!StringUtils.hasText(address)) {
            problems.add(new FieldProblem("address", "NotBlank", "不能为空"));
        } else if (in.kind() == RecipientKind.PHONE && !address.matches("^1[3-9]\\d{9}$")) {
            problems.add(new FieldProblem("address", "Phone", "不是有效的 11 位手机号码"));
        } else if (in.kind() == RecipientKind.TERMINAL && !address.matches(TERMINAL_CODE)) {
            problems.add(new FieldProblem("address", "Pattern", "终端编码须为 3–40 位字母、数字、- 或 _"));
        }
        String code = in.regionCode() == null ? null : in.regionCode().strip();
        Region region = null;
        if (!StringUtils.hasText(code)) {
            problems.add(new FieldProblem("regionCode", "NotBlank", "不能为空"));
        } else {
            FieldProblem scope = regions.scopeProblem("regionCode", code, user.scope());
            if (scope != null) {
                problems.add(scope);
            } else {
                region = regions.find(code).orElseThrow();
                if (region.level() != RegionLevel.VILLAGE && region.level() != RegionLevel.TOWNSHIP) {
                    problems.add(new FieldProblem("regionCode", "region.level", "须为村（社区）或乡镇代码"));
                }
            }
        }
        Double lon = in.lon();
        Double lat = in.lat();
        if ((lon == null) != (lat == null)) {
            problems.add(new FieldProblem(lon == null ? "lon" : "lat", "NotNull", "经度和纬度须同时填写"));
        } else if (lon != null && !city.contains(lon, lat)) {
            problems.add(new FieldProblem("lon", "geo.outside-city", "坐标不在自贡市范围内"));
        } else if (lon == null && in.kind() == RecipientKind.TERMINAL) {
            problems.add(new FieldProblem("lon", "NotNull", "广播终端须填写经纬度"));
        }
        if (in.kind() == RecipientKind.TERMINAL && (in.speakers() == null || in.speakers() < 1 || in.speakers() > 100)) {
            problems.add(new FieldProblem("speakers", "Range", "喇叭数须为 1–100"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
        if (lon == null) {
            lon = region.lon();
            lat = region.lat();
        }
        return new RecipientInput(in.kind(), address, in.name() == null ? null : in.name().strip(), code, lon, lat,
                in.kind() == RecipientKind.TERMINAL ? in.speakers() : null);
    }

    static List<Column> columns(RecipientKind kind) {
        return kind == RecipientKind.TERMINAL ? TERMINAL_COLUMNS : PHONE_COLUMNS;
    }

    void template(RecipientKind kind, OutputStream out) throws IOException {
        ExcelSheets.writeTemplate(kind.label(), columns(kind), column -> switch (column.field()) {
            case "address" -> kind == RecipientKind.TERMINAL ? "3–40 位字母、数字、- 或 _，不得重复" : "11 位手机号码，不得重复";
            case "regionCode" -> "12 位村（社区）或乡镇代码，须在您的管辖范围内";
            case "lon", "lat" -> kind == RecipientKind.TERMINAL ? "WGS84 坐标，须在自贡市范围内"
                    : "可不填：不填时取村（社区）位置";
            case "speakers" -> "整数 1–100";
            default -> "文字";
        }, out);
    }

    record ImportResult(int imported) {
    }

    @Transactional
    ImportResult importSheet(CurrentUser user, RecipientKind kind, String fileName, byte[] xlsx) {
        if (kind == null || kind == RecipientKind.SUBSCRIBER) {
            throw new ProblemException.InvalidField("kind", "Enum", "可导入的类型：PHONE（手机号码）或 TERMINAL（广播终端）");
        }
        List<Column> columns = columns(kind);
        List<ExcelSheets.SheetRow> rows = ExcelSheets.readUpload(xlsx, columns);
        Map<String, String> headers = new HashMap<>();
        columns.forEach(c -> headers.put(c.field(), c.header()));
        List<FieldProblem> errors = new ArrayList<>();
        List<RecipientInput> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ExcelSheets.SheetRow row : rows) {
            Map<String, String> v = row.values();
            try {
                List<FieldProblem> problems = new ArrayList<>();
                Double lon = number(v.get("lon"), "lon", problems);
                Double lat = number(v.get("lat"), "lat", problems);
                Integer speakers = null;
                if (kind == RecipientKind.TERMINAL) {
                    Double s = number(v.get("speakers"), "speakers", problems);
                    speakers = s == null ? null : s.intValue();
                }
                if (!problems.isEmpty()) {
                    throw new ProblemException.Invalid(problems);
                }
                RecipientInput input = check(user, new RecipientInput(kind, v.get("address"), v.get("name"),
                        v.get("regionCode"), lon, lat, speakers));
                if (!seen.add(input.address())) {
                    throw new ProblemException.InvalidField("address", "Duplicate", "与本文件中前面的行重复");
                }
                if (exists(kind, input.address())) {
                    throw new ProblemException.InvalidField("address", "Duplicate", "已登记");
                }
                valid.add(input);
            } catch (ProblemException e) {
                e.errors().forEach(p -> errors.add(new FieldProblem("rows[" + row.number() + "]." + p.field(), p.key(),
                        "第 " + row.number() + " 行「" + headers.getOrDefault(p.field(), p.field()) + "」：" + p.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw ExcelSheets.invalidRows(errors);
        }
        index.changed(valid.stream().mapToLong(this::insert).toArray());
        audit.record("warning.recipient.import", "warning_recipient", null, null,
                Map.of("file", fileName, "kind", kind.name(), "rows", valid.size()));
        return new ImportResult(valid.size());
    }

    private static Double number(String text, String field, List<FieldProblem> problems) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "Number", "须为数字"));
            return null;
        }
    }

    record SyntheticResult(long phones, long terminals) {
    }

    /**
     * Replaces the synthetic recipients with {@code total} phones shared among villages in proportion to their
     * population (largest remainder), each at a random point near its village, plus one broadcast terminal per
     * village. Numbers 199xxxxxxxx are reserved for this and never real subscribers of ours.
     */
    @Transactional
    SyntheticResult generate(int total, long seed) {
        List<Region> villages = regions.list(RegionScope.of("510300"), RegionLevel.VILLAGE, null).stream()
                .filter(v -> v.lon() != null).toList();
        long population = villages.stream().mapToLong(Region::population).sum();
        int[] counts = new int[villages.size()];
        double[] remainders = new double[villages.size()];
        long assigned = 0;
        for (int v = 0; v < counts.length; v++) {
            double exact = population == 0 ? (double) total / counts.length
                    : (double) total * villages.get(v).population() / population;
            counts[v] = (int) Math.floor(exact);
            remainders[v] = exact - counts[v];
            assigned += counts[v];
        }
        List<Integer> order = new ArrayList<>();
        for (int v = 0; v < counts.length; v++) {
            order.add(v);
        }
        order.sort((a, b) -> Double.compare(remainders[b], remainders[a]));
        for (int k = 0; assigned < total; k++, assigned++) {
            counts[order.get(k % order.size())]++;
        }
        jdbc.sql("delete from warning_recipient where synthetic").update();
        SplittableRandom random = new SplittableRandom(seed);
        long phones = PgCopy.copy(dataSource,
                "copy warning_recipient (kind, address, name, region_code, lon, lat, synthetic) from stdin", out -> {
                    long number = 19_900_000_000L;
                    for (int v = 0; v < counts.length; v++) {
                        Region village = villages.get(v);
                        for (int i = 0; i < counts[v]; i++) {
                            double[] p = near(village, random);
                            out.write("PHONE\t" + (number++) + "\t\\N\t" + village.code() + "\t" + p[0] + "\t" + p[1]
                                    + "\tt\n");
                        }
                    }
                });
        long terminals = PgCopy.copy(dataSource,
                "copy warning_recipient (kind, address, name, region_code, lon, lat, speakers, synthetic) from stdin",
                out -> {
                    for (Region village : villages) {
                        out.write("TERMINAL\tT" + village.code() + "\t" + PgCopy.text(village.name() + "应急广播")
                                + "\t" + village.code() + "\t" + village.lon() + "\t" + village.lat() + "\t2\tt\n");
                    }
                });
        index.invalidate();
        audit.record("warning.recipient.synthetic", "warning_recipient", null, null,
                Map.of("phones", phones, "terminals", terminals, "seed", seed));
        return new SyntheticResult(phones, terminals);
    }

    private double[] near(Region village, SplittableRandom random) {
        for (int attempt = 0; attempt < 20; attempt++) {
            double lon = village.lon() + random.nextGaussian() * SYNTHETIC_SPREAD;
            double lat = village.lat() + random.nextGaussian() * SYNTHETIC_SPREAD;
            if (city.contains(lon, lat)) {
                return new double[]{lon, lat};
            }
        }
        return new double[]{village.lon(), village.lat()};
    }
}
