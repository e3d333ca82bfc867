package org.yingji.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/**
 * Excel imports run in the background so the browser can show progress. All or nothing: every row is checked
 * first and any bad row fails the whole import with every bad row and column listed; only a clean sheet is
 * written, in one transaction.
 */
@Service
class ResourceImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResourceImports.class);
    static final int MAX_ROWS = 100_000;
    static final int MAX_ERRORS = 1_000;
    private static final Duration KEEP = Duration.ofHours(1);

    enum State { QUEUED, READING, VALIDATING, SAVING, SUCCEEDED, FAILED }

    record RowError(int row, String column, String field, String message) {
    }

    /** A snapshot of a job for the progress bar. */
    record JobView(String id, ResourceKind kind, String fileName, State state, int total, int processed, int imported,
                   String message, List<RowError> errors, boolean errorsTruncated, Instant startedAt,
                   Instant finishedAt) {
    }

    private static final class Job {
        final String id = UUID.randomUUID().toString();
        final ResourceKind kind;
        final String fileName;
        final long ownerId;
        final Instant startedAt = Instant.now();
        volatile State state = State.QUEUED;
        volatile int total;
        final AtomicInteger processed = new AtomicInteger();
        volatile int imported;
        volatile String message;
        final List<RowError> errors = new ArrayList<>();
        volatile boolean errorsTruncated;
        volatile Instant finishedAt;

        Job(ResourceKind kind, String fileName, long ownerId) {
            this.kind = kind;
            this.fileName = fileName;
            this.ownerId = ownerId;
        }

        synchronized JobView view() {
            return new JobView(id, kind, fileName, state, total, processed.get(), imported, message,
                    List.copyOf(errors), errorsTruncated, startedAt, finishedAt);
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "resource-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Resources resources;
    private final ResourceValidation validation;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    ResourceImports(Resources resources, ResourceValidation validation, AuditLog audit, TransactionTemplate transaction) {
        this.resources = resources;
        this.validation = validation;
        this.audit = audit;
        this.transaction = transaction;
    }

    JobView start(CurrentUser user, ResourceKind kind, String fileName, byte[] xlsx) {
        forgetOldJobs();
        Job job = new Job(kind, fileName, user.id());
        jobs.put(job.id, job);
        executor.submit(() -> run(job, user, xlsx));
        return job.view();
    }

    JobView get(CurrentUser user, String id) {
        Job job = jobs.get(id);
        if (job == null || job.ownerId != user.id()) {
            throw new ProblemException.NotFound("导入任务", id);
        }
        return job.view();
    }

    private void run(Job job, CurrentUser user, byte[] xlsx) {
        try {
            job.state = State.READING;
            List<ResourceSheet.SheetRow> rows;
            try {
                rows = ResourceSheet.read(job.kind, xlsx);
            } catch (IllegalArgumentException e) {
                fail(job, e.getMessage());
                return;
            } catch (Exception e) {
                fail(job, "无法读取文件，请上传 .xlsx 格式的 Excel 文件");
                return;
            }
            if (rows.isEmpty()) {
                fail(job, "表格中没有数据行");
                return;
            }
            if (rows.size() > MAX_ROWS) {
                fail(job, "一次最多导入 " + MAX_ROWS + " 行，本文件有 " + rows.size() + " 行");
                return;
            }
            job.total = rows.size();
            job.state = State.VALIDATING;
            Map<String, String> headers = new java.util.HashMap<>();
            ResourceSheet.columns(job.kind).forEach(c -> headers.put(c.field(), c.header()));
            List<ResourceValidation.Valid> valid = new ArrayList<>(rows.size());
            for (ResourceSheet.SheetRow row : rows) {
                ResourceValidation.Result result = validation.check(job.kind, row.input(), user.scope());
                if (result.ok()) {
                    valid.add(result.valid());
                } else {
                    for (FieldProblem problem : result.problems()) {
                        addError(job, new RowError(row.rowNumber(), headers.getOrDefault(problem.field(), problem.field()),
                                problem.field(), problem.message()));
                    }
                }
                job.processed.incrementAndGet();
            }
            if (!job.errors.isEmpty() || job.errorsTruncated) {
                fail(job, "有 " + job.errors.stream().map(RowError::row).distinct().count()
                        + (job.errorsTruncated ? "+" : "") + " 行数据不合法，未导入任何数据");
                return;
            }
            job.state = State.SAVING;
            transaction.executeWithoutResult(status -> {
                resources.insertAll(job.kind, valid, "Excel 导入：" + job.fileName);
                audit.recordAs(user.username(), user.regionCode(), "resource.import", job.kind.name(), null, null,
                        Map.of("file", job.fileName, "rows", valid.size()));
            });
            job.imported = valid.size();
            job.message = "已导入 " + valid.size() + " 条" + job.kind.label() + "记录";
            finish(job, State.SUCCEEDED);
        } catch (Exception e) {
            log.error("Import {} failed", job.id, e);
            fail(job, "导入失败（服务器错误，已记录日志），未导入任何数据");
        }
    }

    private static void addError(Job job, RowError error) {
        synchronized (job) {
            if (job.errors.size() < MAX_ERRORS) {
                job.errors.add(error);
            } else {
                job.errorsTruncated = true;
            }
        }
    }

    private static void fail(Job job, String message) {
        job.message = message;
        finish(job, State.FAILED);
    }

    private static void finish(Job job, State state) {
        job.finishedAt = Instant.now();
        job.state = state;
    }

    private void forgetOldJobs() {
        Instant cutoff = Instant.now().minus(KEEP);
        jobs.values().removeIf(job -> job.finishedAt != null && job.finishedAt.isBefore(cutoff));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
