package org.yingji.safety;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An enterprise as the API shows it. */
public record EnterpriseView(long id, String creditCode, String name, Industry industry, String industryName,
                             String scale, String park, String regionCode, String regionName, double lon, double lat,
                             String legalRepresentative, String safetyManager, String safetyManagerPhone,
                             List<Map<String, Object>> licences, RiskLevel riskLevel, Instant createdAt,
                             Instant updatedAt) {
}
