package org.yingji.command;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.time.BeijingTime;

/** The situation report (突发事件信息专报) and the plan export, built as one document model for Word and PDF. */
@Service
class Sitreps {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(BeijingTime.ZONE);

    private final Incidents incidents;
    private final LossFigures losses;
    private final Activations activations;
    private final Dispatches dispatches;
    private final Timeline timeline;
    private final Documents documents;
    private final java.time.Clock clock;

    Sitreps(Incidents incidents, LossFigures losses, Activations activations, Dispatches dispatches, Timeline timeline,
            Documents documents, java.time.Clock clock) {
        this.incidents = incidents;
        this.losses = losses;
        this.activations = activations;
        this.dispatches = dispatches;
        this.timeline = timeline;
        this.documents = documents;
        this.clock = clock;
    }

    byte[] sitrep(CurrentUser user, long incidentId, boolean pdf) {
        Documents.Doc doc = sitrep(user, incidentId);
        return pdf ? documents.pdf(doc) : documents.docx(doc);
    }

    Documents.Doc sitrep(CurrentUser user, long incidentId) {
        IncidentView i = incidents.get(user, incidentId);
        List<Documents.Block> blocks = new ArrayList<>();
        blocks.add(new Documents.Heading("一、基本情况"));
        blocks.add(new Documents.Text("%s，%s%s发生%s（%s）。报告人：%s。%s".formatted(TIME.format(i.occurredAt()), i.regionName(),
                i.address() == null ? "" : i.address(), i.title(), i.typeLabel(), i.reporter(),
                i.description() == null ? "" : i.description())));
        blocks.add(new Documents.Text("事件等级：" + i.gradeLabel() + "。判定依据：" + i.gradeRule()
                + (i.gradeOverrideReason() == null ? "" : "；人工认定理由：" + i.gradeOverrideReason())));
        blocks.add(new Documents.Text("当前状态：" + stateLabel(i.state()) + (i.responseLevel() == null ? ""
                : "；应急响应级别：" + i.responseLevel().level())));
        Losses l = i.losses();
        blocks.add(new Documents.Heading("二、灾情（损失）情况"));
        blocks.add(new Documents.Text(("截至目前，共造成死亡 %d 人、失踪 %d 人、受伤 %d 人（其中重伤 %d 人），受灾 %d 人，紧急转移安置 %d 人，"
                + "倒塌房屋 %d 间、损坏房屋 %d 间，直接经济损失 %s 万元。").formatted(l.dead(), l.missing(), l.injured(),
                l.seriouslyInjured(), l.affected(), l.evacuated(), l.housesCollapsed(), l.housesDamaged(),
                LossFigures.wan(l.directLossYuan()).toPlainString())));
        List<LossFigures.RegionLosses> counties = losses.byRegion(incidentId, true);
        if (!counties.isEmpty()) {
            blocks.add(new Documents.Table(List.of("区县", "死亡", "失踪", "受伤", "转移安置", "倒塌房屋", "直接损失(万元)"),
                    counties.stream().map(c -> List.of(c.regionName(), "" + c.losses().dead(), "" + c.losses().missing(),
                            "" + c.losses().injured(), "" + c.losses().evacuated(), "" + c.losses().housesCollapsed(),
                            LossFigures.wan(c.losses().directLossYuan()).toPlainString())).toList()));
        }
        blocks.add(new Documents.Heading("三、应急响应和处置情况"));
        List<Activations.ActivationView> acts = activations.of(incidentId);
        if (acts.isEmpty()) {
            blocks.add(new Documents.Text("尚未启动应急预案。"));
        }
        for (Activations.ActivationView a : acts) {
            blocks.add(new Documents.Text("%s 启动《%s》%s应急响应%s。".formatted(TIME.format(a.activatedAt()), a.planName(),
                    a.level().level(), a.active() ? "" : "（已终止）")));
        }
        List<Activations.TaskView> tasks = activations.tasks(user, incidentId, null);
        if (!tasks.isEmpty()) {
            Map<String, List<Activations.TaskView>> byDept = tasks.stream()
                    .collect(Collectors.groupingBy(Activations.TaskView::departmentName, java.util.LinkedHashMap::new, Collectors.toList()));
            blocks.add(new Documents.Table(List.of("部门", "任务", "时限", "状态"), byDept.values().stream().flatMap(List::stream)
                    .map(t -> List.of(t.departmentName(), t.action(), t.deadline() == null ? "" : TIME.format(t.deadline()),
                            Activations.statusLabel(t.status()) + (t.overdue() ? "（超时）" : ""))).toList()));
        }
        List<Dispatches.OrderView> orders = dispatches.orders(user, incidentId);
        if (!orders.isEmpty()) {
            blocks.add(new Documents.Text("调派救援力量和物资：" + orders.stream().map(o -> o.resourceName()
                    + (o.itemName() == null ? "" : "（" + o.itemName() + " " + o.quantity().stripTrailingZeros().toPlainString() + "）")
                    + (o.travelSeconds() == null ? "" : "，预计 " + Math.round(o.travelSeconds() / 60.0) + " 分钟到达"
                    + (o.travelEstimate() ? "（估算）" : "")))
                    .collect(Collectors.joining("；")) + "。"));
        }
        blocks.add(new Documents.Heading("四、事件进展（时间线）"));
        blocks.add(new Documents.Table(List.of("时间", "事项", "详情"), timeline.all(incidentId).stream()
                .map(e -> List.of(TIME.format(e.at()), e.title(), e.detail() == null ? "" : e.detail())).toList()));
        return new Documents.Doc("突发事件信息专报", "自贡市应急管理局 · " + TIME.format(clock.instant()) + " · " + i.title(), blocks);
    }

    byte[] plan(Plans.PlanView plan, boolean pdf) {
        List<Documents.Block> blocks = new ArrayList<>();
        blocks.add(new Documents.Heading("一、总则"));
        blocks.add(new Documents.Text(plan.content().purpose() == null ? "" : plan.content().purpose()));
        blocks.add(new Documents.Text("适用范围：" + String.join("、", plan.scopeLabels())));
        blocks.add(new Documents.Heading("二、组织指挥体系"));
        blocks.add(new Documents.Table(List.of("机构", "组成"), plan.content().organisation().stream()
                .map(o -> List.of(o.role(), o.members())).toList()));
        blocks.add(new Documents.Heading("三、分级响应"));
        for (PlanContent.Level level : plan.content().levels()) {
            blocks.add(new Documents.Heading(level.level().level() + "响应（" + level.level().label() + "）"));
            blocks.add(new Documents.Text("启动条件：" + level.startConditions()));
            blocks.add(new Documents.Table(List.of("部门", "处置措施（处置卡）", "时限"), level.actions().stream()
                    .map(a -> List.of(a.departmentName(), a.action(), a.limitMinutes() + " 分钟内")).toList()));
        }
        Documents.Doc doc = new Documents.Doc(plan.name(), "第 " + plan.version() + " 版 · 发布于 "
                + TIME.format(plan.publishedAt()), blocks);
        return pdf ? documents.pdf(doc) : documents.docx(doc);
    }

    static String stateLabel(String state) {
        return switch (state) {
            case "OPEN" -> "已接报";
            case "RESPONDING" -> "响应中";
            default -> "已结束";
        };
    }
}
